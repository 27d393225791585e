package com.callintel.hub.ams;

import com.callintel.hub.calls.CallOutbox;
import org.springframework.stereotype.Component;

/** The ams_sync jobs a recorded call or SMS asks for, written by the ledger's own statement (see {@link AmsSyncQueue}). */
@Component
public class AmsNoteOutbox implements CallOutbox {

    /**
     * The outbox step of recording a call, as the main statement after a CTE {@code changed(org_id, id,
     * state_rank, ams_target_id)} that holds the call as it now is (the ledger's upsert): the call's note is due
     * once the call has ended, and when the call gained content after its note was written an update is asked
     * for. Nothing happens for an organization without an AMS connection. A client an agent picked on the screen
     * pop while the call rang ({@code call.ams_target_id}) is the note's target.
     */
    private static final String CALL_NOTE_DUE = """
            insert into ams_sync (org_id, source_kind, source_id, target_id)
            select c.org_id, 'call', c.id, c.ams_target_id from changed c
            where c.state_rank >= 3
              and exists (select 1 from ams_connection a where a.org_id = c.org_id)
            on conflict (org_id, source_kind, source_id) do update set
                content_version = ams_sync.content_version + 1,
                status = case when ams_sync.status = 'synced' then 'pending' else ams_sync.status end,
                next_attempt_at = case when ams_sync.status = 'synced' then now() else ams_sync.next_attempt_at end,
                updated_at = now()
            """;

    /**
     * The outbox step of recording an SMS, after a CTE {@code recorded(org_id, id)} holding the message: every
     * SMS becomes one note.
     */
    private static final String SMS_NOTE_DUE = """
            insert into ams_sync (org_id, source_kind, source_id)
            select s.org_id, 'sms', s.id from recorded s
            where exists (select 1 from ams_connection a where a.org_id = s.org_id)
            on conflict (org_id, source_kind, source_id) do nothing
            """;

    @Override
    public String afterCall() {
        return CALL_NOTE_DUE;
    }

    @Override
    public String afterMessage() {
        return SMS_NOTE_DUE;
    }
}
