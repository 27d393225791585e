package com.callintel.hub.ams;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed AMS sync: which call or SMS, which content version, and what is known of its AMS target.
 * {@code writeStartedAt} is set when an earlier attempt sent a note whose outcome the hub never recorded (it
 * died, or the answer was lost): the AMS may hold that note, so it is read back before writing again.
 */
public record SyncJob(UUID orgId, long id, String sourceKind, long sourceId, int contentVersion, int syncedVersion,
                      String targetId, String amsRecordId, int attempts, Instant writeStartedAt) {

    public SyncJob(UUID orgId, long id, String sourceKind, long sourceId, int contentVersion, int syncedVersion,
                   String targetId, String amsRecordId, int attempts) {
        this(orgId, id, sourceKind, sourceId, contentVersion, syncedVersion, targetId, amsRecordId, attempts, null);
    }

    public boolean isCall() {
        return "call".equals(sourceKind);
    }

    /** Our idempotency key for this note: one per source record and AMS target. */
    public String idempotencyKey() {
        return "callintel-" + orgId.toString().substring(0, 8) + "-" + sourceKind + "-" + sourceId;
    }

    /**
     * The ref written into this attempt's note: the idempotency key for the first note, with the content version
     * for a follow-up ({@code …-call-17/v2}), so that a read-back tells each write of the sync apart.
     */
    public String noteRef() {
        return amsRecordId == null ? idempotencyKey() : idempotencyKey() + "/v" + contentVersion;
    }

    /** An earlier write of this sync may have reached the AMS without the hub learning of it. */
    public boolean mayHaveWritten() {
        return writeStartedAt != null;
    }
}
