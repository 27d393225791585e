package com.callintel.hub.intake;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * Token buckets on this node. A provider account (endpoint) has one for its verified webhooks, charged only once
 * a request has proved itself, so nobody who merely knows the URL can spend it. Requests that fail verification
 * (or are answered unsigned, as RingCentral's handshake) spend small buckets of their own, one per source address
 * and one per endpoint, and get 429 once those are empty.
 */
@Component
class EndpointRateLimiter {

    private final Map<UUID, Bucket> verified = new ConcurrentHashMap<>();
    private final Map<UUID, Bucket> unverifiedByEndpoint = new ConcurrentHashMap<>();
    /** Bounded: source addresses are chosen by whoever sends, so only the most recent ones are tracked. */
    private final Cache<String, Bucket> unverifiedBySource;
    private final IntakeProperties properties;

    EndpointRateLimiter(IntakeProperties properties) {
        this.properties = properties;
        // a source quiet for as long as its bucket takes to refill would have a full bucket anyway: forget it then
        long refillMinutes = Math.max(1, -Math.floorDiv(-properties.unverifiedCapacity(), Math.max(1, properties.unverifiedPerMinute())));
        this.unverifiedBySource = Caffeine.newBuilder().maximumSize(properties.trackedSources())
                .expireAfterAccess(Duration.ofMinutes(refillMinutes)).build();
    }

    /** Takes one token for a verified webhook; returns 0 when allowed, else the whole seconds to wait. */
    long tryAcquire(UUID accountId) {
        return take(verified.computeIfAbsent(accountId, id -> bucket(properties.rateLimitCapacity(),
                properties.rateLimitPerSecond(), Duration.ofSeconds(1))));
    }

    /**
     * Takes one token from the source's and from the endpoint's bucket for an unverified request; returns 0 when
     * both had one, else the whole seconds to wait.
     */
    long tryAcquireUnverified(String source, UUID accountId) {
        long bySource = take(unverifiedBySource.get(source, s -> unverifiedBucket()));
        long byEndpoint = take(unverifiedByEndpoint.computeIfAbsent(accountId, id -> unverifiedBucket()));
        return Math.max(bySource, byEndpoint);
    }

    private Bucket unverifiedBucket() {
        return bucket(properties.unverifiedCapacity(), properties.unverifiedPerMinute(), Duration.ofMinutes(1));
    }

    private static Bucket bucket(int capacity, int refill, Duration per) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, per).build()).build();
    }

    private static long take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}
