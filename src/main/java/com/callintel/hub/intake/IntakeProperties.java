package com.callintel.hub.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the webhook intake: replay window and oldest event, body size, the per-endpoint rate limit for
 * verified webhooks, the separate small limit for requests that fail verification, and what is remembered to
 * refuse replays (JWT ids per node, keyed hashes of purged events' dedupe keys in the database).
 */
@ConfigurationProperties("callintel.intake")
public record IntakeProperties(Duration replayWindow, DataSize maxBodySize, int rateLimitCapacity,
                               int rateLimitPerSecond, int unavailableRetryAfterSeconds, Duration maxEventAge,
                               int unverifiedCapacity, int unverifiedPerMinute, int trackedSources, int seenTokenIds,
                               Duration replayGuardRetention) {
}
