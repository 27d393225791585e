package com.callintel.hub.intake.signature;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.intake.IntakeProperties;
import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Vonage Voice/Messages: {@code Authorization: Bearer <JWT>}, HS256 with the account signature secret, issued by
 * {@code "Vonage"}. The JWT's {@code payload_hash} binds it to the body (SHA-256 hex) and is required whenever
 * there is a body; its {@code iat} must be inside the replay window; and its {@code jti} is single-use: a token
 * whose event was accepted is refused if it comes again while its {@code iat} is still inside the window
 * (remembered per node, see {@link SpentTokenIds}).
 */
@Component
class VonageJwtSignature implements SignatureScheme {

    private static final String ISSUER = "Vonage";

    private final Duration replayWindow;
    private final SpentTokenIds spent;

    VonageJwtSignature(IntakeProperties properties, SpentTokenIds spent) {
        this.replayWindow = properties.replayWindow();
        this.spent = spent;
    }

    @Override
    public String name() {
        return "vonage-jwt";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        JsonNode claims = claims(request, secret);
        if (!ISSUER.equals(claims.path("iss").asText())) {
            throw SignatureProblems.invalid("JWT iss must be '" + ISSUER + "'");
        }
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
        if (request.body().length > 0 && !payloadHash.isTextual()) {
            throw SignatureProblems.invalid("JWT has no payload_hash, so it does not vouch for the body");
        }
        if (payloadHash.isTextual() && !Hmac.constantTimeEquals(Hmac.digestHex(request.body()), payloadHash.asText().toLowerCase())) {
            throw SignatureProblems.invalid("JWT payload_hash does not match the SHA-256 of the body");
        }
        if (spent.isSpent(request.endpointKey(), tokenId(claims))) {
            throw SignatureProblems.replayed("this JWT (jti " + claims.path("jti").asText()
                    + ") was already used; Vonage signs every delivery anew");
        }
        return request.bodyText();
    }

    @Override
    public SignedWebhook sign(byte[] event, String secret, Instant now) {
        String claims = "{\"iat\":" + now.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iss\":\"" + ISSUER + "\",\"payload_hash\":\"" + Hmac.digestHex(event)
                + "\",\"api_key\":\"a1b2c3d4\",\"application_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\"}";
        return new SignedWebhook(event, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + Hs256Jwt.sign(claims, secret)));
    }

    @Override
    public void accepted(WebhookRequest request, String secret, Instant now) {
        spent.spend(request.endpointKey(), tokenId(claims(request, secret)));
    }

    private static JsonNode claims(WebhookRequest request, String secret) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw SignatureProblems.invalid("missing 'Authorization: Bearer <JWT>' header");
        }
        return Hs256Jwt.verifiedClaims(authorization.substring(7), secret).json();
    }

    private static String tokenId(JsonNode claims) {
        String jti = claims.path("jti").asText("");
        if (jti.isBlank()) {
            throw SignatureProblems.invalid("JWT has no jti claim");
        }
        return jti;
    }
}
