package com.callintel.hub.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Limits of the webhook intake: replay window, body size and the per-endpoint rate limit. */
@ConfigurationProperties("callintel.intake")
public record IntakeProperties(Duration replayWindow, DataSize maxBodySize, int rateLimitCapacity,
                               int rateLimitPerSecond, int unavailableRetryAfterSeconds) {
}
