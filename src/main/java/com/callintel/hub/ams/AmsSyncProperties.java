package com.callintel.hub.ams;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How AMS notes are written: queue batching, retry schedule, breaker and time limits. */
@ConfigurationProperties("callintel.ams")
public record AmsSyncProperties(boolean enabled, int batchSize, Duration lease, int maxAttempts, Duration firstRetry,
                                Duration maxRetry, Duration callTimeout, int breakerFailureRate,
                                Duration breakerOpenFor, long pollDelay) {
}
