package com.callintel.hub.ams;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How AMS notes are written: queue batching, retry schedule, breaker and time limits, and the connector endpoint
 * of each AMS type (a Kamelet in connectors/ams/, with its parameters for a configured generic connector).
 */
@ConfigurationProperties("callintel.ams")
public record AmsSyncProperties(boolean enabled, int batchSize, Duration lease, int maxAttempts, Duration firstRetry,
                                Duration maxRetry, Duration callTimeout, int breakerFailureRate,
                                Duration breakerOpenFor, long pollDelay, int concurrency, Map<String, String> connectors,
                                Map<String, Integer> noteLimits) {

    public AmsSyncProperties {
        connectors = connectors == null ? Map.of() : new TreeMap<>(connectors);
        noteLimits = noteLimits == null ? Map.of() : Map.copyOf(noteLimits);
    }
}
