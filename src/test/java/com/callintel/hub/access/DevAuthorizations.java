package com.callintel.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The development identity provider's memory: authorization requests waiting for the user picker, issued codes
 * (single use, short-lived, bound to their client, redirect URI and PKCE challenge) and the provider's own browser
 * sessions (who picked whom), so a second client of the same browser signs in without asking again.
 */
final class DevAuthorizations {

    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    private static final int MAX_ENTRIES = 10_000;

    /** What a client asked for at /authorize. */
    record Request(String clientId, String redirectUri, String state, String nonce, String codeChallenge, String scope) {
    }

    /** A granted code: the request and the claims of the user it was granted for. */
    record Grant(Request request, Map<String, Object> claims, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();

    private record Pending(Request request, Instant expires) {
    }

    DevAuthorizations(Clock clock) {
        this.clock = clock;
    }

    String await(Request request) {
        prune();
        String id = randomId();
        pending.put(id, new Pending(request, clock.instant().plus(PENDING_LIFETIME)));
        return id;
    }

    Optional<Request> pending(String id) {
        Pending found = id == null ? null : pending.remove(id);
        return found == null || found.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(found.request());
    }

    String grant(Request request, Map<String, Object> claims) {
        prune();
        String code = randomId();
        codes.put(code, new Grant(request, Map.copyOf(claims), clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** The grant of a code, once: a second redemption finds nothing. */
    Optional<Grant> redeem(String code) {
        Grant grant = code == null ? null : codes.remove(code);
        return grant == null || grant.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(grant);
    }

    String openSession(Map<String, Object> claims) {
        prune();
        String id = randomId();
        sessions.put(id, Map.copyOf(claims));
        return id;
    }

    Optional<Map<String, Object>> session(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    void endSession(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** PKCE (RFC 7636, S256): the verifier's SHA-256, base64url without padding, equals the challenge. */
    static boolean verifies(String verifier, String challenge) {
        if (verifier == null || challenge == null || verifier.length() < 43 || verifier.length() > 128) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            byte[] expected = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Forgets what expired; a flood of requests cannot grow the maps without bound. */
    private void prune() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expires().isBefore(now));
        codes.values().removeIf(g -> g.expires().isBefore(now));
        if (pending.size() > MAX_ENTRIES || codes.size() > MAX_ENTRIES || sessions.size() > MAX_ENTRIES) {
            pending.clear();
            codes.clear();
            sessions.clear();
        }
    }
}
