package com.callintel.hub.calls;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Records canonical events as one row per call and one per SMS, and asks for the AMS note (and a call's further
 * steps, such as its AI analysis) in the same statement (the outbox). The merge is the call's state machine, done in one atomic upsert so that any order and any
 * repetition of a call's events ends in the same row: states and outcomes only move up in rank, the earliest
 * start/answer and the latest end win, texts fill in once. A batch of events is one JDBC batch, one statement
 * per event in their order (one round trip): exactly what recording them one by one gives, duplicates and
 * reorders within the batch included.
 */
@Repository
public class CallLedger {

    /**
     * The upsert; the outbox steps on the row as it now is follow: the further steps' CTEs
     * ({@link CallOutboxStep#afterCall()}, e.g. the AI analysis, the transcript fetch), then the note
     * ({@link CallOutbox#afterCall()}).
     */
    private static final String UPSERT_CALL = """
            with changed as (
                insert into call as c (org_id, provider, provider_call_id, direction, from_number, to_number,
                    external_number, external_name, agent_id, agent_name, agent_email, agent_extension,
                    state, state_rank, outcome_stated, outcome_rank, started_at, answered_at, ended_at, duration_stated,
                    recording_url, transcript_url, transcript, summary, event_count)
                values (:org, :provider, :callId, :direction, :from, :to, :external, :externalName, :agentId,
                    :agentName, :agentEmail, :agentExtension, coalesce(:state, 'ringing'), :stateRank, :outcome,
                    :outcomeRank, :startedAt, :answeredAt, :endedAt, :duration, :recordingUrl, :transcriptUrl, :transcript,
                    :summary, 1)
                on conflict (org_id, provider, provider_call_id) do update set
                    direction        = coalesce(c.direction, excluded.direction),
                    from_number      = coalesce(c.from_number, excluded.from_number),
                    to_number        = coalesce(c.to_number, excluded.to_number),
                    external_number  = coalesce(c.external_number, excluded.external_number),
                    external_name    = coalesce(c.external_name, excluded.external_name),
                    agent_id         = coalesce(c.agent_id, excluded.agent_id),
                    agent_name       = coalesce(c.agent_name, excluded.agent_name),
                    agent_email      = coalesce(c.agent_email, excluded.agent_email),
                    agent_extension  = coalesce(c.agent_extension, excluded.agent_extension),
                    state            = case when excluded.state_rank > c.state_rank then excluded.state else c.state end,
                    state_rank       = greatest(c.state_rank, excluded.state_rank),
                    outcome_stated   = case when excluded.outcome_rank > c.outcome_rank
                                            then excluded.outcome_stated else c.outcome_stated end,
                    outcome_rank     = greatest(c.outcome_rank, excluded.outcome_rank),
                    started_at       = least(c.started_at, excluded.started_at),
                    answered_at      = least(c.answered_at, excluded.answered_at),
                    ended_at         = greatest(c.ended_at, excluded.ended_at),
                    duration_stated  = greatest(c.duration_stated, excluded.duration_stated),
                    recording_url    = coalesce(c.recording_url, excluded.recording_url),
                    transcript_url   = coalesce(c.transcript_url, excluded.transcript_url),
                    transcript       = case when length(excluded.transcript) > coalesce(length(c.transcript), 0)
                                            then excluded.transcript else c.transcript end,
                    summary          = case when length(excluded.summary) > coalesce(length(c.summary), 0)
                                            then excluded.summary else c.summary end,
                    event_count      = c.event_count + 1,
                    purged_at        = null,
                    updated_at       = now()
                returning org_id, id, state_rank, ams_target_id, md5(transcript) as transcript_md5, transcript_url)
            """;

    /**
     * The message once, then its note: a repeated delivery finds the row it stored before (the insert's own
     * snapshot does not see a row the same statement inserts, so exactly one of the two parts yields it).
     */
    private static final String INSERT_SMS = """
            with inserted as (
                insert into sms_message (org_id, provider, provider_message_id, direction, from_number, to_number,
                    external_number, external_name, agent_id, agent_name, body, sent_at)
                values (:org, :provider, :messageId, :direction, :from, :to, :external, :externalName, :agentId,
                    :agentName, :body, :sentAt)
                on conflict (org_id, provider, provider_message_id) do nothing
                returning org_id, id),
            recorded as (
                select org_id, id from inserted
                union all
                select org_id, id from sms_message
                where org_id = :org and provider = :provider and provider_message_id = :messageId)
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final String recordCall;
    private final String recordSms;

    @Autowired
    public CallLedger(NamedParameterJdbcTemplate jdbc, CallOutbox outbox, List<CallOutboxStep> steps) {
        this.jdbc = jdbc;
        this.recordCall = UPSERT_CALL + steps.stream().map(CallOutboxStep::afterCall).collect(Collectors.joining())
                + outbox.afterCall();
        this.recordSms = INSERT_SMS + outbox.afterMessage();
    }

    /** A ledger with the note's outbox only (the connector check's throwaway store). */
    public CallLedger(NamedParameterJdbcTemplate jdbc, CallOutbox outbox) {
        this(jdbc, outbox, List.of());
    }

    /** Merges the call events into their calls, in this order, within the caller's transaction. */
    public void recordCalls(List<CallEvent> calls) {
        if (!calls.isEmpty()) {
            jdbc.batchUpdate(recordCall, calls.stream().map(CallLedger::parameters).toArray(SqlParameterSource[]::new));
        }
    }

    /** Stores each SMS once, within the caller's transaction. */
    public void recordMessages(List<SmsEvent> messages) {
        if (!messages.isEmpty()) {
            jdbc.batchUpdate(recordSms, messages.stream().map(CallLedger::parameters).toArray(SqlParameterSource[]::new));
        }
    }

    private static SqlParameterSource parameters(CallEvent e) {
        return new MapSqlParameterSource()
                .addValue("org", e.orgId())
                .addValue("provider", e.provider())
                .addValue("callId", e.providerCallId())
                .addValue("direction", e.direction())
                .addValue("from", e.fromNumber())
                .addValue("to", e.toNumber())
                .addValue("external", e.externalNumber())
                .addValue("externalName", e.externalName())
                .addValue("agentId", e.agent().id())
                .addValue("agentName", e.agent().name())
                .addValue("agentEmail", e.agent().email())
                .addValue("agentExtension", e.agent().extension())
                .addValue("state", e.state() == null ? null : e.state().wire())
                .addValue("stateRank", e.state() == null ? 0 : e.state().rank())
                .addValue("outcome", e.outcome() == null ? null : e.outcome().wire())
                .addValue("outcomeRank", e.outcome() == null ? 0 : e.outcome().rank())
                .addValue("startedAt", ts(e.startedAt()))
                .addValue("answeredAt", ts(e.answeredAt()))
                .addValue("endedAt", ts(e.endedAt()))
                .addValue("duration", e.durationSeconds())
                .addValue("recordingUrl", e.recordingUrl())
                .addValue("transcriptUrl", e.transcriptUrl())
                .addValue("transcript", e.transcript())
                .addValue("summary", e.summary());
    }

    private static SqlParameterSource parameters(SmsEvent e) {
        return new MapSqlParameterSource()
                .addValue("org", e.orgId())
                .addValue("provider", e.provider())
                .addValue("messageId", e.providerMessageId())
                .addValue("direction", e.direction())
                .addValue("from", e.fromNumber())
                .addValue("to", e.toNumber())
                .addValue("external", e.externalNumber())
                .addValue("externalName", e.externalName())
                .addValue("agentId", e.agent().id())
                .addValue("agentName", e.agent().name())
                .addValue("body", e.text())
                .addValue("sentAt", ts(e.sentAt()));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
