package com.callintel.hub.intake;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * A token bucket per provider account (so per endpoint key), on this node. Only known accounts get a bucket, so
 * the map is bounded by the number of accounts.
 */
@Component
class EndpointRateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final int capacity;
    private final int perSecond;

    EndpointRateLimiter(IntakeProperties properties) {
        this.capacity = properties.rateLimitCapacity();
        this.perSecond = properties.rateLimitPerSecond();
    }

    /** Takes one token; returns 0 when allowed, else the whole seconds to wait before trying again. */
    long tryAcquire(UUID accountId) {
        Bucket bucket = buckets.computeIfAbsent(accountId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}
