package com.callintel.hub.screenpop;

import java.util.UUID;

import com.callintel.hub.ams.AmsSyncQueue;
import com.callintel.hub.calls.CallRecords;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agent's pick on a pop decides where the call's note goes, whatever the sync's progress: while the call
 * still rings no sync exists yet, so the pick is kept on the call ({@code call.ams_target_id}, which the sync
 * starts from); a sync not yet run takes it as its target; one waiting for a choice is re-queued with it.
 */
@Component
class NoteTargets {

    private final CallRecords calls;
    private final AmsSyncQueue syncs;

    NoteTargets(CallRecords calls, AmsSyncQueue syncs) {
        this.calls = calls;
        this.syncs = syncs;
    }

    /** Returns what happened to the sync: "waiting-for-call-end", "target-set" or "requeued". */
    @Transactional
    String choose(UUID orgId, long callId, String targetId) {
        calls.chooseAmsTarget(orgId, callId, targetId);
        return syncs.targetChosen(orgId, callId, targetId);
    }
}
