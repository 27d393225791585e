package com.callintel.hub.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The privacy promise in numbers: purge schedules, the hard maximum and the batch size of each purge step. */
@ConfigurationProperties("callintel.privacy")
public record PrivacyProperties(String afterSyncCron, String hardMaximumCron, Duration hardMaximum, int batchSize) {
}
