package com.callintel.hub.ams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.connectors.AmsConnector;
import com.callintel.hub.connectors.AmsConnectorCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * A live lookup of one number in an organization's AMS outside a sync (the screen pop): the same
 * {@code direct:ams-lookup} route and connector request document the sync uses, so every AMS type works. The
 * answer is the connector's candidate list [{id, name, ...}]; nothing of it is kept here. It goes through the
 * organization's AMS breaker like the sync: while that AMS keeps failing, a lookup fails at once instead of
 * making a ringing call wait for it, and its outcome counts towards the breaker.
 */
@Component
public class AmsLookup {

    private final AmsConnectionRepository connections;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final ObjectMapper mapper;
    private final TenantBreakers breakers;
    private final AmsConnectorCatalog catalog;

    AmsLookup(AmsConnectionRepository connections, ProducerTemplate producer, CamelContext camel, ObjectMapper mapper,
              TenantBreakers breakers, AmsConnectorCatalog catalog) {
        this.catalog = catalog;
        this.breakers = breakers;
        this.connections = connections;
        this.producer = producer;
        this.camel = camel;
        this.mapper = mapper;
    }

    /** The organization's AMS connection, credentials opened, if it has one. */
    public Optional<AmsConnection> connection(UUID orgId) {
        return connections.open(orgId);
    }

    /**
     * The clients whose phone is {@code e164}; throws what the connector threw when the AMS cannot answer, or
     * {@code CallNotPermittedException} while the organization's AMS breaker is open.
     */
    public JsonNode candidates(AmsConnection ams, String e164, String region) throws Exception {
        return ask("direct:ams-lookup", ams, e164, region, null);
    }

    /**
     * AMS types without a phone search (their file's {@code callintel.io/lookup: agent-names-record}): the agent
     * names the record, which the hub confirms live before any note.
     */
    public boolean confirmsNamedRecords(String amsType) {
        return catalog.ams(amsType).map(AmsConnector::agentNamesRecord).orElse(false);
    }

    /**
     * {@code [{id, name}]} of the record {@code targetId} when the AMS, asked now, shows {@code e164} on it; {@code []}
     * when it does not (or no such record exists). Only for {@link #confirmsNamedRecords} types; nothing is kept.
     */
    public JsonNode confirmed(AmsConnection ams, String e164, String region, String targetId) throws Exception {
        return ask("direct:ams-confirm", ams, e164, region, targetId);
    }

    private JsonNode ask(String route, AmsConnection ams, String e164, String region, String targetId) throws Exception {
        CircuitBreaker breaker = breakers.acquire(ams.orgId(), ams.type());
        long started = System.nanoTime();
        ObjectNode request = mapper.createObjectNode();
        request.put("kind", "call");
        request.put("region", region);
        request.put("phone", e164);
        request.put("phoneNational", AmsSync.national(e164));
        request.put("targetId", targetId);
        request.set("settings", ams.settings());
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(AmsSync.AMS, ams);
        exchange.setProperty(AmsSync.TYPE, ams.type());
        exchange.setProperty(AmsSync.BASE_URL, ams.baseUrl().replaceAll("/+$", ""));
        exchange.setProperty(AmsSync.PHONE_QUERY, e164 == null ? "" : URLEncoder.encode(e164, StandardCharsets.UTF_8));
        exchange.getIn().setBody(request.toString());
        Exchange answer = producer.send(route, exchange);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (answer.getException() != null) {
            breakers.failed(breaker, took, answer.getException());
            throw answer.getException();
        }
        breakers.succeeded(breaker, took);
        JsonNode candidates = answer.getMessage().getBody(JsonNode.class);
        return candidates == null || !candidates.isArray() ? mapper.createArrayNode() : candidates;
    }
}
