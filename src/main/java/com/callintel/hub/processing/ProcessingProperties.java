package com.callintel.hub.processing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the work queue is drained: batch size, lease length, retry limits and the fallback poll. */
@ConfigurationProperties("callintel.processing")
public record ProcessingProperties(boolean enabled, int batchSize, Duration lease, int maxAttempts,
                                   Duration retryDelay, Duration pollDelay, boolean listen) {
}
