package com.callintel.hub.intake.signature;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * Zoom's {@code endpoint.url_validation}: answer {@code {plainToken, encryptedToken}} within 3 s, where
 * encryptedToken is hex HMAC-SHA256(secret token, plainToken). Zoom repeats it every 72 hours.
 */
@Component
class ZoomUrlValidation implements Handshake {

    @Override
    public String name() {
        return "zoom-url-validation";
    }

    @Override
    public Optional<HandshakeReply> afterVerification(WebhookRequest request, JsonNode event, String secret) {
        if (!"endpoint.url_validation".equals(event.path("event").asText())) {
            return Optional.empty();
        }
        String plainToken = event.path("payload").path("plainToken").asText("");
        if (plainToken.isEmpty()) {
            return Optional.empty();   // malformed validation; treated as an ordinary event and refused later
        }
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("plainToken", plainToken);
        reply.put("encryptedToken", Hmac.sha256Hex(secret, plainToken.getBytes(StandardCharsets.UTF_8)));
        return Optional.of(new HandshakeReply(200, Map.of("Content-Type", "application/json"), reply.toString()));
    }
}
