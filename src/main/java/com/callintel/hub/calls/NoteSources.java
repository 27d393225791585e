package com.callintel.hub.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the call or SMS an AMS note is written about, within its organization. */
@Repository
public class NoteSources {

    private final JdbcClient jdbc;
    private final List<NoteIntelligence.Source> intelligence;

    NoteSources(JdbcClient jdbc, List<NoteIntelligence.Source> intelligence) {
        this.jdbc = jdbc;
        this.intelligence = intelligence;
    }

    /** The call ({@code sourceKind} "call") or SMS ("sms") {@code sourceId} of the organization. */
    public Optional<NoteSource> load(UUID orgId, String sourceKind, long sourceId) {
        if ("call".equals(sourceKind)) {
            return jdbc.sql("""
                    select c.provider, c.direction, c.from_number, c.to_number, c.external_number, c.external_name,
                        c.agent_name, c.outcome, c.started_at, c.duration_seconds, c.recording_url, c.transcript_url,
                        c.transcript, c.summary, o.time_zone, o.default_region
                    from call c join organization o on o.id = c.org_id
                    where c.org_id = :org and c.id = :id
                    """)
                    .param("org", orgId).param("id", sourceId)
                    .query((rs, n) -> new NoteSource("call", rs.getString("provider"), rs.getString("direction"),
                            rs.getString("from_number"), rs.getString("to_number"), rs.getString("external_number"),
                            rs.getString("external_name"), rs.getString("agent_name"), rs.getString("outcome"),
                            instant(rs, "started_at"), (Integer) rs.getObject("duration_seconds"),
                            rs.getString("recording_url"), rs.getString("transcript_url"), rs.getString("transcript"),
                            rs.getString("summary"), null, rs.getString("time_zone"), rs.getString("default_region")))
                    .optional()
                    .map(call -> intelligence.stream().flatMap(s -> s.of(orgId, sourceId).stream()).findFirst()
                            .map(call::withIntelligence).orElse(call));
        }
        return jdbc.sql("""
                select s.provider, s.direction, s.from_number, s.to_number, s.external_number, s.external_name,
                    s.agent_name, s.sent_at, s.body, o.time_zone, o.default_region
                from sms_message s join organization o on o.id = s.org_id
                where s.org_id = :org and s.id = :id
                """)
                .param("org", orgId).param("id", sourceId)
                .query((rs, n) -> new NoteSource("sms", rs.getString("provider"), rs.getString("direction"),
                        rs.getString("from_number"), rs.getString("to_number"), rs.getString("external_number"),
                        rs.getString("external_name"), rs.getString("agent_name"), null, instant(rs, "sent_at"), null,
                        null, null, null, null, rs.getString("body"), rs.getString("time_zone"), rs.getString("default_region")))
                .optional();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

}
