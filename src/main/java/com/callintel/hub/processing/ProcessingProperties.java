package com.callintel.hub.processing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the work queue is drained: batch size, lease length, retry limits, the fallback poll, and the longest pause
 * before a batch while webhooks are being acknowledged slowly (processing yields the CPU to them).
 */
@ConfigurationProperties("callintel.processing")
public record ProcessingProperties(boolean enabled, int batchSize, Duration lease, int maxAttempts,
                                   Duration retryDelay, Duration pollDelay, boolean listen,
                                   Duration yieldToIntake) {
}
