package com.callintel.hub.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.calls.CallRows.CallRow;
import com.callintel.hub.calls.CallRows.EventRow;
import com.callintel.hub.calls.CallRows.MessageRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read side of the call, SMS and event records, always within one organization. */
@Repository
class CallQueries {

    private final JdbcClient jdbc;

    CallQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String CALL_COLUMNS = """
            select id, provider, provider_call_id, direction, from_number, to_number, external_number,
                external_name, agent_id, agent_name, agent_email, agent_extension, state, outcome,
                started_at, answered_at, ended_at, duration_seconds, recording_url, transcript_url,
                transcript is not null as has_transcript, summary is not null as has_summary,
                event_count, updated_at,
                (select s.status from ams_sync s where s.org_id = call.org_id and s.source_kind = 'call'
                    and s.source_id = call.id) as ams_status
            from call
            """;

    /** Newest calls first, as normalized. */
    List<CallRow> calls(UUID orgId, int limit) {
        return jdbc.sql(CALL_COLUMNS + """
                where org_id = :org
                order by coalesce(started_at, created_at) desc, id desc
                limit :limit
                """)
                .param("org", orgId).param("limit", limit)
                .query(CallQueries::call).list();
    }

    /** One call, found only within the organization. */
    Optional<CallRow> call(UUID orgId, long id) {
        return jdbc.sql(CALL_COLUMNS + "where org_id = :org and id = :id")
                .param("org", orgId).param("id", id)
                .query(CallQueries::call).optional();
    }

    List<MessageRow> messages(UUID orgId, int limit) {
        return jdbc.sql("""
                select id, provider, provider_message_id, direction, from_number, to_number, external_number,
                    external_name, agent_id, agent_name, sent_at
                from sms_message where org_id = :org
                order by sent_at desc nulls last, id desc
                limit :limit
                """)
                .param("org", orgId).param("limit", limit)
                .query((rs, n) -> new MessageRow(rs.getLong("id"), rs.getString("provider"),
                        rs.getString("provider_message_id"), rs.getString("direction"), rs.getString("from_number"),
                        rs.getString("to_number"), rs.getString("external_number"), rs.getString("external_name"),
                        rs.getString("agent_id"), rs.getString("agent_name"), iso(rs, "sent_at")))
                .list();
    }

    /** Stored webhooks by processing status, so failed and ignored ones are visible with their reason. */
    List<EventRow> events(UUID orgId, String status, int limit) {
        return jdbc.sql("""
                select id, provider, event_kind, status, attempts, failure_reason, received_at, processed_at
                from inbound_event where org_id = :org and (cast(:status as text) is null or status = :status)
                order by id desc
                limit :limit
                """)
                .param("org", orgId).param("status", status).param("limit", limit)
                .query((rs, n) -> new EventRow(rs.getLong("id"), rs.getString("provider"), rs.getString("event_kind"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("failure_reason"),
                        iso(rs, "received_at"), iso(rs, "processed_at")))
                .list();
    }

    private static CallRow call(ResultSet rs, int n) throws SQLException {
        return new CallRow(rs.getLong("id"), rs.getString("provider"), rs.getString("provider_call_id"),
                rs.getString("direction"), rs.getString("from_number"), rs.getString("to_number"),
                rs.getString("external_number"), rs.getString("external_name"), rs.getString("agent_id"),
                rs.getString("agent_name"), rs.getString("agent_email"), rs.getString("agent_extension"),
                rs.getString("state"), rs.getString("outcome"), iso(rs, "started_at"), iso(rs, "answered_at"),
                iso(rs, "ended_at"), rs.getObject("duration_seconds", Integer.class), rs.getString("recording_url"),
                rs.getString("transcript_url"), rs.getBoolean("has_transcript"), rs.getBoolean("has_summary"),
                rs.getInt("event_count"), iso(rs, "updated_at"), rs.getString("ams_status"));
    }

    /** A time as the API writes it: ISO-8601 in UTC ({@code 2026-03-02T14:05:09.123Z}), or null. */
    private static String iso(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant().toString();
    }
}
