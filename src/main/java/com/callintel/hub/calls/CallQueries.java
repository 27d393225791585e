package com.callintel.hub.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
    List<Map<String, Object>> calls(UUID orgId, int limit) {
        return jdbc.sql(CALL_COLUMNS + """
                where org_id = :org
                order by coalesce(started_at, created_at) desc, id desc
                limit :limit
                """)
                .param("org", orgId).param("limit", limit)
                .query(CallQueries::row).list();
    }

    /** One call, found only within the organization. */
    Optional<Map<String, Object>> call(UUID orgId, long id) {
        return jdbc.sql(CALL_COLUMNS + "where org_id = :org and id = :id")
                .param("org", orgId).param("id", id)
                .query(CallQueries::row).optional();
    }

    List<Map<String, Object>> messages(UUID orgId, int limit) {
        return jdbc.sql("""
                select id, provider, provider_message_id, direction, from_number, to_number, external_number,
                    external_name, agent_id, agent_name, sent_at
                from sms_message where org_id = :org
                order by sent_at desc nulls last, id desc
                limit :limit
                """)
                .param("org", orgId).param("limit", limit)
                .query(CallQueries::row).list();
    }

    /** Stored webhooks by processing status, so failed and ignored ones are visible with their reason. */
    List<Map<String, Object>> events(UUID orgId, String status, int limit) {
        return jdbc.sql("""
                select id, provider, event_kind, status, attempts, failure_reason, received_at, processed_at
                from inbound_event where org_id = :org and (cast(:status as text) is null or status = :status)
                order by id desc
                limit :limit
                """)
                .param("org", orgId).param("status", status).param("limit", limit)
                .query(CallQueries::row).list();
    }

    private static Map<String, Object> row(ResultSet rs, int n) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.put(toCamel(meta.getColumnLabel(i)), value instanceof Timestamp t ? t.toInstant().toString() : value);
        }
        return row;
    }

    private static String toCamel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
