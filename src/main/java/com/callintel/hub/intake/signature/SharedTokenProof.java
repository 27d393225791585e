package com.callintel.hub.intake.signature;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The proof family {@code shared-token}: the provider sends the webhook's secret itself, in a header
 * ({@code signature-token-header}, alternatives comma-separated, e.g. RingCentral's verification token) or in the
 * JSON body ({@code signature-token-pointer}, a JSON pointer, e.g. Aircall's {@code /token}). A token in the body
 * is removed from the event before it is stored: the stored payload never holds the secret.
 */
final class SharedTokenProof implements SignatureScheme {

    static final String NAME = "shared-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> headers;
    private final JsonPointer pointer;

    SharedTokenProof(VoipConnector connector) {
        ProofParameters parameters = new ProofParameters(connector);
        this.headers = parameters.list("token-header");
        String pointer = parameters.optional("token-pointer", null);
        parameters.noneUnknown();
        if (headers.isEmpty() == (pointer == null)) {
            throw parameters.invalid("token-header", "or " + ProofParameters.PREFIX + "token-pointer: give exactly one");
        }
        try {
            this.pointer = pointer == null ? null : JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw parameters.invalid("token-pointer", "is not a JSON pointer (like /token): " + e.getMessage());
        }
        if (this.pointer != null && this.pointer.last().getMatchingProperty().isEmpty()) {
            throw parameters.invalid("token-pointer", "must name a field (like /token)");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        if (pointer == null) {
            String token = headers.stream().map(request::header).filter(t -> t != null).findFirst()
                    .orElseThrow(() -> SignatureProblems.invalid("missing " + String.join(" or ", headers) + " header"));
            if (!Hmac.constantTimeEquals(secret, token)) {
                throw SignatureProblems.invalid(headers.get(0) + " does not match the webhook's token");
            }
            return request.bodyText();
        }
        JsonNode event = json(request.body());
        JsonNode parent = event.at(pointer.head());
        JsonNode token = parent.get(pointer.last().getMatchingProperty());
        if (token == null || !token.isTextual()) {
            throw SignatureProblems.invalid("the body has no token at " + pointer);
        }
        if (!Hmac.constantTimeEquals(secret, token.asText())) {
            throw SignatureProblems.invalid("the token at " + pointer + " does not match the webhook's token");
        }
        // the secret is the proof, not part of the event: it never reaches the store
        ((ObjectNode) parent).remove(pointer.last().getMatchingProperty());
        return event.toString();
    }

    @Override
    public SignedWebhook sign(byte[] event, String secret, Instant now) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "application/json");
        if (pointer == null) {
            sent.put(headers.get(0), secret);
            return new SignedWebhook(event, sent);
        }
        JsonNode body = json(event);
        JsonNode parent = body.at(pointer.head());
        if (!parent.isObject()) {
            throw new IllegalArgumentException("the sample has no object at " + pointer.head() + " to put the token in");
        }
        ((ObjectNode) parent).put(pointer.last().getMatchingProperty(), secret);
        return new SignedWebhook(body.toString().getBytes(StandardCharsets.UTF_8), sent);
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw SignatureProblems.invalid("the body is not a JSON object, so it carries no token");
            }
            return node;
        } catch (java.io.IOException e) {
            throw SignatureProblems.invalid("the body is not JSON, so it carries no token");
        }
    }
}
