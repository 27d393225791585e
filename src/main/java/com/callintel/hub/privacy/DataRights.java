package com.callintel.hub.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's data rights: everything the hub holds for it as one JSON document (access and
 * portability), and deletion of all of it (erasure). Secrets are never exported; they are only ever written.
 */
@Repository
public class DataRights {

    /** The export format's version, so that readers can tell documents apart (docs/privacy.md). */
    public static final String FORMAT = "callintel-export/1";

    private final JdbcClient jdbc;

    DataRights(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> export(UUID orgId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("organization", rows("""
                select id, name, default_region, time_zone, alert_email, created_at, updated_at
                from organization where id = :org""", orgId));
        document.put("providerAccounts", rows("""
                select id, provider, enabled, api_token_enc is not null as api_token_set, created_at, updated_at
                from provider_account where org_id = :org order by provider""", orgId));
        document.put("amsConnection", rows("""
                select ams_type, base_url, activity_code, settings::text as settings, updated_by, created_at, updated_at
                from ams_connection where org_id = :org""", orgId));
        document.put("agentMappings", rows("""
                select member_id, provider, provider_user_id, email, extension, created_at
                from agent_mapping where org_id = :org order by id""", orgId));
        document.put("calls", rows("""
                select id, provider, provider_call_id, direction, from_number, to_number, external_number, external_name,
                    agent_id, agent_name, agent_email, agent_extension, state, outcome, started_at, answered_at, ended_at,
                    duration_seconds, recording_url, transcript_url, transcript, summary, purged_at, created_at
                from call where org_id = :org order by id""", orgId));
        document.put("smsMessages", rows("""
                select id, provider, provider_message_id, direction, from_number, to_number, external_number,
                    external_name, agent_id, agent_name, body, sent_at, purged_at, created_at
                from sms_message where org_id = :org order by id""", orgId));
        document.put("webhookEvents", rows("""
                select id, provider, event_kind, status, attempts, failure_reason, received_at, processed_at,
                    payload::text as payload, payload_purged_at
                from inbound_event where org_id = :org order by id""", orgId));
        document.put("amsSyncs", rows("""
                select id, source_kind, source_id, status, target_id, ams_record_id, attempts, last_error, synced_at,
                    created_at
                from ams_sync where org_id = :org order by id""", orgId));
        // the anonymized analytics facts (no number, name or text) behind the dashboard
        document.put("callFacts", rows("""
                select provider, provider_call_id, direction, agent_id, agent_extension, member_id, outcome, started_at,
                    answered_at, ended_at, talk_seconds, ring_seconds
                from call_fact where org_id = :org order by started_at""", orgId));
        document.put("smsFacts", rows("""
                select provider, provider_message_id, direction, agent_id, member_id, sent_at
                from sms_fact where org_id = :org order by sent_at""", orgId));
        document.put("amsSyncFacts", rows("""
                select sync_id, source_kind, status, attempts, settled_at
                from ams_sync_fact where org_id = :org order by sync_id""", orgId));
        document.put("auditLog", rows("""
                select id, at, user_id, role, action, target, status from audit_log where org_id = :org order by id""", orgId));
        return document;
    }

    /**
     * How the promise stands for the organization: records waiting for the post-sync purge, records not synced
     * (kept until the hard maximum), the oldest record still holding personal data, and the last purge runs.
     */
    public Map<String, Object> status(UUID orgId, java.time.Instant now) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pendingPurgeAfterSync", jdbc.sql("""
                select (select count(*) from call c join ams_sync s on s.org_id = c.org_id and s.source_kind = 'call'
                            and s.source_id = c.id where c.org_id = :org and c.purged_at is null and s.status = 'synced')
                     + (select count(*) from sms_message m join ams_sync s on s.org_id = m.org_id and s.source_kind = 'sms'
                            and s.source_id = m.id where m.org_id = :org and m.purged_at is null and s.status = 'synced')
                """).param("org", orgId).query(Long.class).single());
        status.put("notSyncedKeptUntilHardMaximum", jdbc.sql("""
                select (select count(*) from call c where c.org_id = :org and c.purged_at is null and not exists
                            (select 1 from ams_sync s where s.org_id = c.org_id and s.source_kind = 'call'
                             and s.source_id = c.id and s.status = 'synced'))
                     + (select count(*) from sms_message m where m.org_id = :org and m.purged_at is null and not exists
                            (select 1 from ams_sync s where s.org_id = m.org_id and s.source_kind = 'sms'
                             and s.source_id = m.id and s.status = 'synced'))
                """).param("org", orgId).query(Long.class).single());
        java.sql.Timestamp oldest = jdbc.sql("""
                select min(created_at) from (
                    select created_at from call where org_id = :org and purged_at is null
                    union all select created_at from sms_message where org_id = :org and purged_at is null
                    union all select received_at from inbound_event where org_id = :org and payload_purged_at is null) t
                """).param("org", orgId).query(java.sql.Timestamp.class).optional().orElse(null);
        status.put("oldestUnpurgedAt", oldest == null ? null : oldest.toInstant().toString());
        status.put("oldestUnpurgedAgeHours", oldest == null ? null
                : java.time.Duration.between(oldest.toInstant(), now).toHours());
        status.put("lastRuns", jdbc.sql("""
                select distinct on (job) job, started_at::text as "startedAt", finished_at::text as "finishedAt",
                    rows_masked as "rowsMasked", rows_deleted as "rowsDeleted"
                from purge_run order by job, started_at desc
                """).query().listOfRows());
        return status;
    }

    /** Deletes the organization and, by cascade, every row that carries its id. */
    public boolean delete(UUID orgId) {
        return jdbc.sql("delete from organization where id = :org").param("org", orgId).update() == 1;
    }

    private List<Map<String, Object>> rows(String sql, UUID orgId) {
        return jdbc.sql(sql).param("org", orgId).query().listOfRows().stream()
                .map(row -> {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    row.forEach((k, v) -> copy.put(k, v instanceof java.sql.Timestamp t ? t.toInstant().toString() : v));
                    return copy;
                })
                .toList();
    }
}
