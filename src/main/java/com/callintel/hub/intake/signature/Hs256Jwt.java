package com.callintel.hub.intake.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A compact JWS checked as HS256 with a shared secret, as Dialpad and Vonage sign. Done by hand rather than with
 * nimbus-jose-jwt because providers hand out secrets shorter than the 256 bits nimbus insists on; any algorithm
 * but HS256 (including "none") is refused.
 */
final class Hs256Jwt {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64_OUT = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64_OUT.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private Hs256Jwt() {
    }

    /** Returns the claims of a token whose HS256 signature matches {@code secret}, else throws a 401 problem. */
    static JsonNode verifiedClaims(String token, String secret) {
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw SignatureProblems.invalid("expected a compact JWT (header.payload.signature) signed with the webhook secret");
        }
        JsonNode header = json(parts[0], "header");
        if (!"HS256".equals(header.path("alg").asText())) {
            throw SignatureProblems.invalid("JWT algorithm must be HS256, was '" + header.path("alg").asText() + "'");
        }
        byte[] expected = Hmac.sha256(secret, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        byte[] given;
        try {
            given = B64.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw SignatureProblems.invalid("JWT signature is not base64url");
        }
        if (!Hmac.constantTimeEquals(expected, given)) {
            throw SignatureProblems.invalid("JWT signature does not match the webhook secret");
        }
        return json(parts[1], "payload");
    }

    /** A compact JWS of these claims (JSON text, sent as given) signed HS256 with {@code secret}: what providers send. */
    static String sign(String claimsJson, String secret) {
        String payload = B64_OUT.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        String signature = B64_OUT.encodeToString(Hmac.sha256(secret, (HEADER + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        return HEADER + "." + payload + "." + signature;
    }

    /** The claims of a token as the text it carries, unchecked (a sample to be signed anew). */
    static String payloadText(String token) {
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWT (header.payload.signature)");
        }
        return new String(B64.decode(parts[1]), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String segment, String what) {
        try {
            JsonNode node = MAPPER.readTree(B64.decode(segment));
            if (node == null || !node.isObject()) {
                throw SignatureProblems.invalid("JWT " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw SignatureProblems.invalid("JWT " + what + " is not base64url JSON");
        }
    }
}
