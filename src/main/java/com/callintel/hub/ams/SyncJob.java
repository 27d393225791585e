package com.callintel.hub.ams;

import java.util.UUID;

/** One claimed AMS sync: which call or SMS, which content version, and what is known of its AMS target. */
public record SyncJob(UUID orgId, long id, String sourceKind, long sourceId, int contentVersion, int syncedVersion,
                      String targetId, String amsRecordId, int attempts) {

    public boolean isCall() {
        return "call".equals(sourceKind);
    }

    /** Our idempotency key for this note: one per source record and AMS target. */
    public String idempotencyKey() {
        return "callintel-" + orgId.toString().substring(0, 8) + "-" + sourceKind + "-" + sourceId;
    }
}
