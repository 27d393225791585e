package com.callintel.hub.intake.signature;

import java.time.Instant;

import com.callintel.hub.intake.WebhookRequest;
import org.springframework.stereotype.Component;

/** Dialpad: the whole body is a JWT signed HS256 with the webhook secret; the event is its claims. */
@Component
class DialpadJwtSignature implements SignatureScheme {

    @Override
    public String name() {
        return "dialpad-jwt";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        // Dialpad documents no timestamp, so there is no replay window to apply; the queue de-duplicates.
        return Hs256Jwt.verifiedClaims(request.bodyText(), secret).toString();
    }
}
