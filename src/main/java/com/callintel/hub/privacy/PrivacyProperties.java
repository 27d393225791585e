package com.callintel.hub.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The privacy promise in numbers: purge schedules, the hard maximum, the batch size of each purge step and the
 * pause between batches (the purge yields the cores and the disk to intake between batches).
 */
@ConfigurationProperties("callintel.privacy")
public record PrivacyProperties(String afterSyncCron, String hardMaximumCron, Duration hardMaximum, int batchSize,
                                Duration batchPause) {

    public PrivacyProperties {
        batchPause = batchPause == null ? Duration.ZERO : batchPause;
    }
}
