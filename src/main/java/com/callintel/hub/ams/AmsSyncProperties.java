package com.callintel.hub.ams;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How AMS notes are written: queue batching, retry schedule, breaker and time limits, how many AMS calls of one
 * organization may run at once (its bulkhead), and the connector endpoint of each AMS type (a Kamelet in
 * connectors/ams/, with its parameters for a configured generic connector).
 */
@ConfigurationProperties("callintel.ams")
public record AmsSyncProperties(boolean enabled, int batchSize, Duration lease, int maxAttempts, Duration firstRetry,
                                Duration maxRetry, Duration callTimeout, int breakerFailureRate,
                                Duration breakerOpenFor, long pollDelay, int concurrency, Map<String, String> connectors,
                                Map<String, Integer> noteLimits, Duration breakerSlowCall, int breakerSlowCallRate,
                                int syncsPerOrganization, Duration busyRetry, int vendorReasonLength,
                                Duration wakeCoalesce) {

    public AmsSyncProperties {
        connectors = connectors == null ? Map.of() : new TreeMap<>(connectors);
        noteLimits = noteLimits == null ? Map.of() : Map.copyOf(noteLimits);
        // the fallbacks of properties an older configuration file lacks; config/application.yaml sets each
        breakerSlowCall = breakerSlowCall == null ? Duration.ofSeconds(5) : breakerSlowCall;
        breakerSlowCallRate = breakerSlowCallRate <= 0 ? 50 : breakerSlowCallRate;
        syncsPerOrganization = syncsPerOrganization <= 0 ? Math.max(1, concurrency / 4) : syncsPerOrganization;
        busyRetry = busyRetry == null ? Duration.ofSeconds(2) : busyRetry;
        vendorReasonLength = vendorReasonLength <= 0 ? 120 : vendorReasonLength;
        wakeCoalesce = wakeCoalesce == null ? Duration.ofMillis(25) : wakeCoalesce;
    }
}
