package com.callintel.hub.screenpop;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Failed redeems of genuine tickets (sealed by the hub, unexpired, but already used) per source address: past
 * {@code failed-tickets-per-minute} the source's next tickets are refused before the database is asked. Made-up
 * tickets never get this far (the seal refuses them), so a flood of garbage cannot use up a shared address's
 * budget (behind a load balancer every agent has the same source) and lock real agents out.
 */
@Component
class FailedTicketSources {

    /** Sources remembered at most; past it the table starts afresh (a flood of addresses must not grow memory). */
    private static final int MAX_SOURCES = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    FailedTicketSources(ScreenPopProperties properties) {
        this.perMinute = properties.failedTicketsPerMinute();
    }

    /** Whether the source has used up its failures for now. */
    boolean exhausted(String source) {
        Bucket bucket = buckets.get(source);
        return bucket != null && bucket.getAvailableTokens() <= 0;
    }

    void failed(String source) {
        if (buckets.size() >= MAX_SOURCES) {
            buckets.clear();
        }
        buckets.computeIfAbsent(source, s -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1);
    }
}
