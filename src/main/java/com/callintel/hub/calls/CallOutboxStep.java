package com.callintel.hub.calls;

/**
 * A further step of recording a call, in the same statement as the note's outbox ({@link CallOutbox}): a feature
 * that owns its own table (the AI analysis queue) hands the ledger a CTE, so the ledger never knows the feature.
 */
public interface CallOutboxStep {

    /**
     * A CTE to follow {@code changed(org_id, id, state_rank, ams_target_id, transcript_md5, transcript_url)}, the
     * call as it now is, written {@code , name as (…)}; it runs whether or not anything refers to it.
     */
    String afterCall();
}
