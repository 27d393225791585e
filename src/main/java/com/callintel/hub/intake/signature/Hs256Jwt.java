package com.callintel.hub.intake.signature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import com.callintel.hub.problem.JsonProblems;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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

    /** The claims of a verified token: parsed, and the JSON text exactly as signed (what the hub stores). */
    record Claims(JsonNode json, String text) {
    }

    /** Returns the claims of a token whose HS256 signature matches {@code secret}, else throws a 401 problem. */
    static Claims verifiedClaims(String token, String secret) {
        return verifiedClaims(token, secret, MAPPER);
    }

    /**
     * {@link #verifiedClaims(String, String)}, the claims read by {@code claimsReader}: claims beyond its JSON limits
     * are refused with the 400 problem any event beyond them gets.
     */
    static Claims verifiedClaims(String token, String secret, ObjectMapper claimsReader) {
        return verifiedClaims(token.getBytes(StandardCharsets.US_ASCII), secret, claimsReader);
    }

    /** {@link #verifiedClaims(String, String, ObjectMapper)} of a token as received (a body that is the token). */
    static Claims verifiedClaims(byte[] token, String secret, ObjectMapper claimsReader) {
        int start = 0;
        int end = token.length;
        while (start < end && (token[start] & 0xff) <= ' ') {
            start++;
        }
        while (end > start && (token[end - 1] & 0xff) <= ' ') {
            end--;
        }
        int headerEnd = indexOfDot(token, start, end);
        int payloadEnd = headerEnd < 0 ? -1 : indexOfDot(token, headerEnd + 1, end);
        if (payloadEnd < 0 || indexOfDot(token, payloadEnd + 1, end) >= 0) {
            throw SignatureProblems.invalid("expected a compact JWT (header.payload.signature) signed with the webhook secret");
        }
        JsonNode header = json(MAPPER, decode(token, start, headerEnd, "header"), "header");
        if (!"HS256".equals(header.path("alg").asText())) {
            throw SignatureProblems.invalid("JWT algorithm must be HS256, was '" + header.path("alg").asText() + "'");
        }
        byte[] expected = Hmac.sha256(secret, token, start, payloadEnd - start);
        byte[] given = decode(token, payloadEnd + 1, end, "signature");
        if (!Hmac.constantTimeEquals(expected, given)) {
            throw SignatureProblems.invalid("JWT signature does not match the webhook secret");
        }
        byte[] payload = decode(token, headerEnd + 1, payloadEnd, "payload");
        return new Claims(json(claimsReader, payload, "payload"), new String(payload, StandardCharsets.UTF_8));
    }

    private static int indexOfDot(byte[] token, int from, int to) {
        for (int i = from; i < to; i++) {
            if (token[i] == '.') {
                return i;
            }
        }
        return -1;
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

    private static byte[] decode(byte[] token, int from, int to, String what) {
        try {
            return B64.decode(Arrays.copyOfRange(token, from, to));
        } catch (IllegalArgumentException e) {
            throw SignatureProblems.invalid("signature".equals(what) ? "JWT signature is not base64url"
                    : "JWT " + what + " is not base64url JSON");
        }
    }

    private static JsonNode json(ObjectMapper reader, byte[] segment, String what) {
        try {
            JsonNode node = reader.readTree(segment);
            if (node == null || !node.isObject()) {
                throw SignatureProblems.invalid("JWT " + what + " is not a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new ProblemException(JsonProblems.of(e));
        } catch (java.io.IOException e) {
            throw SignatureProblems.invalid("JWT " + what + " is not base64url JSON");
        }
    }
}
