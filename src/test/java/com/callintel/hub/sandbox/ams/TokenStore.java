package com.callintel.hub.sandbox.ams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The bearer tokens or AMS360 tickets a simulator issued, each with its expiry and scopes; bounded in number. */
final class TokenStore {

    /** One issued token. */
    record Session(Instant expiresAt, Set<String> scopes) {
    }

    private static final int MAX_LIVE_TOKENS = 10_000;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    TokenStore(Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive");
        }
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Duration lifetime() {
        return lifetime;
    }

    Instant issue(String token, Set<String> scopes) {
        if (sessions.size() >= MAX_LIVE_TOKENS) {
            evict();
        }
        Instant expiresAt = clock.instant().plus(lifetime);
        sessions.put(token, new Session(expiresAt, Set.copyOf(scopes)));
        return expiresAt;
    }

    /** The session of {@code token} while it is known and unexpired. */
    Optional<Session> valid(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        return session != null && clock.instant().isBefore(session.expiresAt()) ? Optional.of(session) : Optional.empty();
    }

    void revoke(String token) {
        sessions.remove(token);
    }

    void expireAll() {
        sessions.clear();
    }

    private synchronized void evict() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        while (sessions.size() >= MAX_LIVE_TOKENS) {
            sessions.entrySet().stream().min(Comparator.comparing(e -> e.getValue().expiresAt()))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
    }
}
