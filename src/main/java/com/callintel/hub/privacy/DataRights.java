package com.callintel.hub.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import com.callintel.hub.access.AccessPrivacyStatements;
import com.callintel.hub.ai.AiPrivacyStatements;
import com.callintel.hub.billing.BillingPrivacyStatements;
import com.callintel.hub.ams.AmsSyncPrivacyStatements;
import com.callintel.hub.calls.CallPrivacyStatements;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.notices.NoticePrivacyStatements;
import com.callintel.hub.transcripts.TranscriptPrivacyStatements;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    /** The export's sections in document order: name -> the organization's rows (secrets never selected). */
    private static final Map<String, String> SECTIONS = sections();

    private final JdbcClient jdbc;
    private final CallRecords calls;
    private final NamedParameterJdbcTemplate streaming;
    private final ObjectMapper mapper;

    DataRights(JdbcClient jdbc, CallRecords calls, DataSource dataSource, ObjectMapper mapper, PrivacyProperties properties) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.mapper = mapper;
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        // PostgreSQL reads with a cursor (fetch size) only inside a transaction: see export()
        cursor.setFetchSize(properties.exportFetchSize());
        this.streaming = new NamedParameterJdbcTemplate(cursor);
    }

    /**
     * Writes the export document to {@code out} row by row as the database hands the rows over (a cursor of
     * {@code callintel.privacy.export-fetch-size} rows inside one read-only transaction, so every section is of the
     * same moment): an organization with years of calls never sits in memory. Closes {@code out} when done.
     */
    @Transactional(readOnly = true)
    public void export(UUID orgId, OutputStream out) throws IOException {
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
                json.writeArrayFieldStart(section.getKey());
                try {
                    streaming.query(section.getValue(), Map.of("org", orgId), (ResultSet rs) -> writeRow(json, rs));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }

    private static void writeRow(JsonGenerator json, ResultSet rs) throws SQLException {
        try {
            ResultSetMetaData columns = rs.getMetaData();
            json.writeStartObject();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                json.writeFieldName(columns.getColumnLabel(i));
                json.writeObject(value instanceof Timestamp t ? t.toInstant().toString() : value);
            }
            json.writeEndObject();
        } catch (IOException e) {
            // the reader went away (or the pipe broke): stop reading rows
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How the promise stands for the organization: records waiting for the post-sync purge, records not synced
     * (kept until the hard maximum), the oldest record still holding personal data, the organization's purged
     * records, and when the purge jobs last ran (without their hub-wide volumes: those are other tenants' figures).
     */
    PrivacyViews.PrivacyStatus status(UUID orgId, java.time.Instant now) {
        java.sql.Timestamp oldest = calls.oldestUnpurgedAt(orgId);
        // the organization's own purged records; the purge runs' hub-wide volumes are for operators only
        // (the purge's log lines, purge_run, the callintel.purge.runs metric), never shown to a tenant
        return new PrivacyViews.PrivacyStatus(calls.pendingPurgeAfterSync(orgId), calls.notSyncedKeptUntilHardMaximum(orgId),
                oldest == null ? null : oldest.toInstant().toString(),
                oldest == null ? null : java.time.Duration.between(oldest.toInstant(), now).toHours(),
                calls.purgedRecords(orgId), calls.lastPurgedAt(orgId),
                jdbc.sql("""
                        select distinct on (job) job, started_at::text as "startedAt", finished_at::text as "finishedAt"
                        from purge_run order by job, started_at desc
                        """)
                        .query((rs, n) -> new PrivacyViews.PurgeRun(rs.getString("job"), rs.getString("startedAt"),
                                rs.getString("finishedAt")))
                        .list());
    }

    /** Deletes the organization and, by cascade, every row that carries its id. */
    public boolean delete(UUID orgId) {
        return jdbc.sql("delete from organization where id = :org").param("org", orgId).update() == 1;
    }

    private static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("organization", """
                select id, name, default_region, time_zone, alert_email, created_at, updated_at
                from organization where id = :org""");
        sections.put("providerAccounts", """
                select id, provider, enabled, api_token_enc is not null as api_token_set, oauth_client_id,
                    oauth_client_secret_enc is not null as oauth_app_set, created_at, updated_at
                from provider_account where org_id = :org order by provider""");
        sections.put("amsConnection", """
                select ams_type, base_url, activity_code, settings::text as settings, updated_by, created_at, updated_at
                from ams_connection where org_id = :org""");
        sections.put("agentMappings", """
                select member_id, provider, provider_user_id, email, extension, created_at
                from agent_mapping where org_id = :org order by id""");
        sections.put("calls", CallPrivacyStatements.EXPORT_CALLS);
        sections.put("smsMessages", CallPrivacyStatements.EXPORT_MESSAGES);
        sections.put("webhookEvents", """
                select id, provider, event_kind, status, attempts, failure_reason, received_at, processed_at,
                    payload::text as payload, payload_purged_at
                from inbound_event where org_id = :org order by id""");
        sections.put("amsSyncs", AmsSyncPrivacyStatements.EXPORT);
        // AI analysis (docs/ai.md): the switch (never the key), each analysis, the tokens spent per day
        sections.put("aiSetting", AiPrivacyStatements.EXPORT_SETTING);
        sections.put("callAnalyses", AiPrivacyStatements.EXPORT_ANALYSES);
        sections.put("aiTokenUse", AiPrivacyStatements.EXPORT_TOKEN_USE);
        sections.put("transcriptFetches", TranscriptPrivacyStatements.EXPORT_FETCHES);
        // the anonymized analytics facts (no number, name or text) behind the dashboard
        sections.put("callFacts", """
                select provider, provider_call_id, direction, agent_id, agent_extension, member_id, outcome, started_at,
                    answered_at, ended_at, talk_seconds, ring_seconds, intent, sentiment
                from call_fact where org_id = :org order by started_at""");
        sections.put("smsFacts", """
                select provider, provider_message_id, direction, agent_id, member_id, sent_at
                from sms_fact where org_id = :org order by sent_at""");
        sections.put("amsSyncFacts", """
                select sync_id, source_kind, status, attempts, settled_at
                from ams_sync_fact where org_id = :org order by sync_id""");
        // support tickets are account data: kept until the organization is deleted, untouched by the purges
        sections.put("supportTickets", """
                select id, reporter_id, reporter_email, reporter_role, category, subject, body, status, created_at,
                    updated_at
                from support_ticket where org_id = :org order by id""");
        sections.put("supportTicketChanges", """
                select ticket_id, operator_id, from_status, to_status, reply, at
                from support_ticket_change where org_id = :org order by id""");
        sections.put("supportMailsUnsent", """
                select ticket_id, recipient, subject, attempts, last_error, created_at
                from support_mail where org_id = :org order by id""");
        // billing through Stripe (billing/, docs/operations.md "Billing (Stripe)")
        sections.put("billingAccount", BillingPrivacyStatements.EXPORT_ACCOUNT);
        sections.put("billingStateChanges", BillingPrivacyStatements.EXPORT_STATE_CHANGES);
        sections.put("billingEvents", BillingPrivacyStatements.EXPORT_EVENTS);
        // the admins the notices are mailed to, with their addresses (access/, docs/operations.md "Who is mailed")
        sections.put("admins", AccessPrivacyStatements.EXPORT_ADMINS);
        // breach, policy and past-due notices to the organization's admins (notices/, docs/operations.md)
        sections.put("noticeMails", NoticePrivacyStatements.EXPORT_MAILS);
        sections.put("auditLog", """
                select id, at, user_id, role, action, target, status from audit_log where org_id = :org order by id""");
        return Collections.unmodifiableMap(sections);
    }
}
