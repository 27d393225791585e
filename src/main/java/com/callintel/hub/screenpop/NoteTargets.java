package com.callintel.hub.screenpop;

import java.util.Map;
import java.util.UUID;

import com.callintel.hub.ams.AmsSyncQueue;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agent's pick on a pop decides where the call's note goes, whatever the sync's progress: while the call
 * still rings no sync exists yet, so the pick is kept on the call ({@code call.ams_target_id}, which the sync
 * starts from); a sync not yet run takes it as its target; one waiting for a choice is re-queued with it.
 */
@Component
class NoteTargets {

    private final JdbcClient jdbc;
    private final AmsSyncQueue syncs;

    NoteTargets(JdbcClient jdbc, AmsSyncQueue syncs) {
        this.jdbc = jdbc;
        this.syncs = syncs;
    }

    /** Returns what happened to the sync: "waiting-for-call-end", "target-set" or "requeued". */
    @Transactional
    String choose(UUID orgId, long callId, String targetId) {
        jdbc.sql("update call set ams_target_id = :target where org_id = :org and id = :call")
                .param("target", targetId).param("org", orgId).param("call", callId).update();
        var sync = jdbc.sql("""
                select id, status, ams_record_id from ams_sync where org_id = :org and source_kind = 'call' and source_id = :call
                for update
                """)
                .param("org", orgId).param("call", callId).query().listOfRows().stream().findFirst();
        if (sync.isEmpty()) {
            return "waiting-for-call-end";
        }
        Map<String, Object> row = sync.get();
        long id = ((Number) row.get("id")).longValue();
        String status = (String) row.get("status");
        if (row.get("ams_record_id") != null) {
            throw new ProblemException(Problem.of(409, "note-already-written", "Note already written",
                    "The call's note is already in the AMS; move it there if it belongs to another client."));
        }
        if ("needs_choice".equals(status) || "unmatched".equals(status) || "dead".equals(status)) {
            syncs.requeue(orgId, id, targetId);
            return "requeued";
        }
        jdbc.sql("update ams_sync set target_id = :target, updated_at = now() where org_id = :org and id = :id")
                .param("target", targetId).param("org", orgId).param("id", id).update();
        return "target-set";
    }
}
