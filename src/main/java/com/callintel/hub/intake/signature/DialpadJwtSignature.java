package com.callintel.hub.intake.signature;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.intake.IntakeProperties;
import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Dialpad: the whole body is a JWT signed HS256 with the webhook secret; the event is its claims. Dialpad's
 * observed tokens carry no {@code exp}/{@code iat} (shared/fixtures/voip/dialpad/signing.md), but when one does,
 * a token past its {@code exp} or issued longer ago than the hub keeps events is refused as stale (allowing the
 * replay window for clock skew). Replays without them are held by de-duplication, past the purge too.
 */
@Component
class DialpadJwtSignature implements SignatureScheme {

    private final Duration clockSkew;
    private final Duration maxEventAge;

    DialpadJwtSignature(IntakeProperties properties) {
        this.clockSkew = properties.replayWindow();
        this.maxEventAge = properties.maxEventAge();
    }

    @Override
    public String name() {
        return "dialpad-jwt";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        JsonNode claims = Hs256Jwt.verifiedClaims(request.bodyText(), secret);
        Instant expires = time(claims, "exp");
        if (expires != null && expires.plus(clockSkew).isBefore(now)) {
            throw SignatureProblems.stale("JWT expired at " + expires + "; the hub's time is " + now);
        }
        Instant issued = time(claims, "iat");
        if (issued != null && (issued.isBefore(now.minus(maxEventAge)) || issued.isAfter(now.plus(clockSkew)))) {
            throw SignatureProblems.stale("JWT iat " + issued + " is older than the " + maxEventAge.toDays()
                    + " days the hub keeps events, or in the future; the hub's time is " + now);
        }
        return claims.toString();
    }

    /** The epoch-seconds claim as a time, null when absent; a claim that is not a time is refused. */
    private static Instant time(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw SignatureProblems.invalid("JWT " + name + " is not epoch seconds");
        }
        try {
            return Instant.ofEpochSecond(value.asLong());
        } catch (DateTimeException e) {
            throw SignatureProblems.invalid("JWT " + name + " is not a time");
        }
    }
}
