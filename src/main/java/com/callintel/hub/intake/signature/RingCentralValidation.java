package com.callintel.hub.intake.signature;

import java.util.Map;
import java.util.Optional;

import com.callintel.hub.intake.WebhookRequest;
import org.springframework.stereotype.Component;

/**
 * RingCentral's subscription check: an empty POST with a {@code Validation-Token} header, answered within 3 s by
 * echoing the header, with {@code Content-Type: application/json} and no body (the whole reply must stay under
 * 1,024 bytes, or the subscription fails).
 */
@Component
class RingCentralValidation implements Handshake {

    @Override
    public String name() {
        return "ringcentral-validation-token";
    }

    @Override
    public Optional<HandshakeReply> beforeVerification(WebhookRequest request) {
        String token = request.header("Validation-Token");
        if (token == null || request.hasBody()) {
            return Optional.empty();
        }
        if (token.length() > 256) {
            return Optional.empty();   // not a RingCentral token; let the signature check refuse it
        }
        return Optional.of(new HandshakeReply(200, Map.of("Validation-Token", token, "Content-Type", "application/json"), ""));
    }
}
