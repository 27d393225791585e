package com.callintel.hub.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The privacy promise in numbers: purge schedules, the hard maximum, the batch size of each purge step and the
 * pause between batches (the purge yields the cores and the disk to intake between batches), and how exports are
 * streamed (rows per database fetch, exports written at once per node).
 */
@ConfigurationProperties("callintel.privacy")
public record PrivacyProperties(String afterSyncCron, String hardMaximumCron, Duration hardMaximum, int batchSize,
                                Duration batchPause, int exportFetchSize, int exportsAtOnce,
                                int exportRetryAfterSeconds) {

    public PrivacyProperties {
        batchPause = batchPause == null ? Duration.ZERO : batchPause;
        exportFetchSize = exportFetchSize <= 0 ? 500 : exportFetchSize;
        exportsAtOnce = exportsAtOnce <= 0 ? 2 : exportsAtOnce;
        exportRetryAfterSeconds = exportRetryAfterSeconds <= 0 ? 30 : exportRetryAfterSeconds;
    }
}
