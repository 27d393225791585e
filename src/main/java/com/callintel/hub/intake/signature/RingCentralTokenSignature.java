package com.callintel.hub.intake.signature;

import java.time.Instant;

import com.callintel.hub.intake.WebhookRequest;
import org.springframework.stereotype.Component;

/**
 * RingCentral: no HMAC; every notification carries the subscription's verification token in a header
 * ({@code Verification-Token}, older subscriptions {@code Validation-Token}).
 */
@Component
class RingCentralTokenSignature implements SignatureScheme {

    @Override
    public String name() {
        return "ringcentral-token";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        String token = request.header("Verification-Token");
        if (token == null) {
            token = request.header("Validation-Token");
        }
        if (token == null) {
            throw SignatureProblems.invalid("missing Verification-Token header");
        }
        if (!Hmac.constantTimeEquals(secret, token)) {
            throw SignatureProblems.invalid("Verification-Token does not match the subscription's token");
        }
        return request.bodyText();
    }
}
