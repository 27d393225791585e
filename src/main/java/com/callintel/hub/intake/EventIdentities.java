package com.callintel.hub.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.connectors.VoipConnector;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Names each event for de-duplication with the connector's {@code callintel.io/event-identity} jq expression,
 * which yields {@code {"id": …, "kind": …}}. An event it cannot name is still stored (under the hash of its
 * body, kind "unidentified") so processing can show it as failed instead of the hub losing it.
 */
@Component
class EventIdentities {

    /** The de-duplication identity of one event: provider event/call id and event kind. */
    record EventIdentity(String id, String kind) {
        String dedupeKey() {
            return kind + ":" + id;
        }
    }

    private final CamelContext camel;
    /** Per provider, the compiled expression of the version of its connector file in use (compared by identity). */
    private final Map<String, Compiled> expressions = new ConcurrentHashMap<>();

    private record Compiled(VoipConnector connector, Expression expression) {
    }

    EventIdentities(CamelContext camel) {
        this.camel = camel;
    }

    EventIdentity identify(VoipConnector connector, JsonNode event) {
        Compiled compiled = expressions.get(connector.provider());
        if (compiled == null || compiled.connector() != connector) {
            compiled = new Compiled(connector, compile(connector));
            expressions.put(connector.provider(), compiled);
        }
        Expression expression = compiled.expression();
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(event);
        JsonNode identity;
        try {
            identity = expression.evaluate(exchange, JsonNode.class);
        } catch (RuntimeException e) {
            identity = null;
        }
        String id = text(identity, "id");
        String kind = text(identity, "kind");
        if (id == null || kind == null) {
            return new EventIdentity(sha256(event.toString()), "unidentified");
        }
        return new EventIdentity(id, kind);
    }

    /** The connector's event-identity jq, compiled; an expression that does not compile is refused naming the file. */
    Expression compile(VoipConnector connector) {
        try {
            Expression e = camel.resolveLanguage("jq").createExpression(connector.eventIdentityJq());
            e.init(camel);
            return e;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(connector.file() + ": annotation callintel.io/event-identity does not compile: "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        String value = node.get(field).asText();
        return value.isBlank() ? null : value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
