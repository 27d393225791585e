package com.callintel.hub.sandbox.ams;

import java.time.Instant;

/**
 * An activity or note a simulator created on a client, so a test can check the hub wrote it exactly once.
 * {@code parentId} is the activity a note was added to (Applied Epic), else null.
 */
public record CreatedRecord(Kind kind, String id, String clientId, String parentId, String text, Instant createdAt) {

    /** What was created. */
    public enum Kind {
        ACTIVITY,
        NOTE
    }
}
