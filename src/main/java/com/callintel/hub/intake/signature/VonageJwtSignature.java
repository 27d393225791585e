package com.callintel.hub.intake.signature;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.intake.IntakeProperties;
import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Vonage Voice/Messages: {@code Authorization: Bearer <JWT>}, HS256 with the account signature secret. The JWT's
 * {@code payload_hash} binds it to the body (SHA-256 hex) and its {@code iat} must be inside the replay window.
 */
@Component
class VonageJwtSignature implements SignatureScheme {

    private final Duration replayWindow;

    VonageJwtSignature(IntakeProperties properties) {
        this.replayWindow = properties.replayWindow();
    }

    @Override
    public String name() {
        return "vonage-jwt";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw SignatureProblems.invalid("missing 'Authorization: Bearer <JWT>' header");
        }
        JsonNode claims = Hs256Jwt.verifiedClaims(authorization.substring(7), secret);
        if (!claims.path("iat").canConvertToLong()) {
            throw SignatureProblems.invalid("JWT has no iat claim");
        }
        Instant issued;
        try {
            issued = Instant.ofEpochSecond(claims.path("iat").asLong());
        } catch (DateTimeException e) {
            throw SignatureProblems.invalid("JWT iat is not a time");
        }
        if (issued.isBefore(now.minus(replayWindow)) || issued.isAfter(now.plus(replayWindow))) {
            throw SignatureProblems.stale("JWT iat " + issued + " is more than " + replayWindow.toSeconds()
                    + " s from the hub's time " + now);
        }
        JsonNode payloadHash = claims.path("payload_hash");
        if (!payloadHash.isMissingNode() && !Hmac.constantTimeEquals(Hmac.digestHex(request.body()), payloadHash.asText().toLowerCase())) {
            throw SignatureProblems.invalid("JWT payload_hash does not match the SHA-256 of the body");
        }
        return request.bodyText();
    }
}
