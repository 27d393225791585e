package com.callintel.hub.intake.signature;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The proof family {@code jwt}: an HS256 JWT signed with the webhook's secret, either the whole body (the event is
 * its claims, as Dialpad sends; {@code signature-location: body}) or in {@code Authorization: Bearer}
 * ({@code signature-location: bearer}; the event is the body, bound to the token by {@code signature-payload-hash-claim},
 * the claim holding the body's SHA-256 in hex). A token past its {@code exp}, or issued longer ago than the hub keeps
 * events (with a bearer token: outside the replay window), is refused as stale.
 */
final class JwtProof implements SignatureScheme {

    static final String NAME = "jwt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean inBody;
    private final String payloadHashClaim;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final ObjectMapper events;

    JwtProof(VoipConnector connector, Duration replayWindow, Duration maxEventAge, ObjectMapper events) {
        ProofParameters parameters = new ProofParameters(connector);
        this.inBody = parameters.oneOf("location", "body", "body", "bearer").equals("body");
        parameters.oneOf("algorithm", "HS256", "HS256");
        this.payloadHashClaim = parameters.optional("payload-hash-claim", null);
        parameters.noneUnknown();
        if (!inBody && payloadHashClaim == null) {
            throw parameters.invalid("payload-hash-claim", "is required with a bearer token: without it the token does not vouch for the body");
        }
        this.clockSkew = replayWindow;
        this.maxAge = inBody ? maxEventAge : replayWindow;
        this.events = events;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        return verifyEvent(request, secret, now).json();
    }

    @Override
    public VerifiedEvent verifyEvent(WebhookRequest request, String secret, Instant now) {
        Hs256Jwt.Claims claims;
        if (inBody) {
            claims = Hs256Jwt.verifiedClaims(request.body(), secret, events);
        } else {
            String authorization = request.header("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw SignatureProblems.invalid("missing 'Authorization: Bearer <JWT>' header");
            }
            claims = Hs256Jwt.verifiedClaims(authorization.substring(7), secret, events);
        }
        Instant expires = time(claims.json(), "exp");
        if (expires != null && expires.plus(clockSkew).isBefore(now)) {
            throw SignatureProblems.stale("JWT expired at " + expires + "; the hub's time is " + now);
        }
        Instant issued = time(claims.json(), "iat");
        if (issued == null && !inBody) {
            throw SignatureProblems.invalid("JWT has no iat claim");
        }
        if (issued != null && (issued.isBefore(now.minus(maxAge)) || issued.isAfter(now.plus(clockSkew)))) {
            throw SignatureProblems.stale("JWT iat " + issued + " is older than the hub accepts (" + maxAge
                    + ") or in the future; the hub's time is " + now);
        }
        if (inBody) {
            // the event is the claims: their text as signed, and the tree already parsed to read exp and iat
            return new VerifiedEvent(claims.text(), claims.json());
        }
        JsonNode hash = claims.json().path(payloadHashClaim);
        if (!hash.isTextual() || !Hmac.constantTimeEquals(Hmac.digestHex(request.body()), hash.asText().toLowerCase())) {
            throw SignatureProblems.invalid("JWT " + payloadHashClaim + " does not match the SHA-256 of the body");
        }
        return VerifiedEvent.unparsed(request.bodyText());
    }

    @Override
    public SignedWebhook sign(byte[] event, String secret, Instant now) {
        Map<String, String> sent = new LinkedHashMap<>();
        if (inBody) {
            // the event's claims as the provider sends them: compact JSON, no white space
            sent.put("Content-Type", "application/jwt");
            return new SignedWebhook(Hs256Jwt.sign(compact(event), secret).getBytes(StandardCharsets.US_ASCII), sent);
        }
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put(payloadHashClaim, Hmac.digestHex(event));
        sent.put("Content-Type", "application/json");
        sent.put("Authorization", "Bearer " + Hs256Jwt.sign(claims.toString(), secret));
        return new SignedWebhook(event, sent);
    }

    /** The sample as compact JSON; a sample that already is a token is taken as its claims' source text. */
    private static String compact(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8).trim();
        if (!text.startsWith("{")) {
            return Hs256Jwt.payloadText(text);
        }
        return compactJson(text);
    }

    /** Removes the insignificant white space of pretty-printed JSON (outside strings), keeping every value's text. */
    static String compactJson(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (char c : json.toCharArray()) {
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Instant time(JsonNode claims, String name) {
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
