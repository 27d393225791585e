package com.callintel.hub.processing;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records canonical events as one row per call and one per SMS. The merge is the call's state machine, done in
 * one atomic upsert so that any order and any repetition of a call's events ends in the same row: states and
 * outcomes only move up in rank, the earliest start/answer and the latest end win, texts fill in once.
 */
@Repository
public class CallLedger {

    private final JdbcClient jdbc;

    CallLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(CallEvent e) {
        jdbc.sql("""
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
                """)
                .param("org", e.orgId())
                .param("provider", e.provider())
                .param("callId", e.providerCallId())
                .param("direction", e.direction())
                .param("from", e.fromNumber())
                .param("to", e.toNumber())
                .param("external", e.externalNumber())
                .param("externalName", e.externalName())
                .param("agentId", e.agent().id())
                .param("agentName", e.agent().name())
                .param("agentEmail", e.agent().email())
                .param("agentExtension", e.agent().extension())
                .param("state", e.state() == null ? null : e.state().wire())
                .param("stateRank", e.state() == null ? 0 : e.state().rank())
                .param("outcome", e.outcome() == null ? null : e.outcome().wire())
                .param("outcomeRank", e.outcome() == null ? 0 : e.outcome().rank())
                .param("startedAt", ts(e.startedAt()))
                .param("answeredAt", ts(e.answeredAt()))
                .param("endedAt", ts(e.endedAt()))
                .param("duration", e.durationSeconds())
                .param("recordingUrl", e.recordingUrl())
                .param("transcriptUrl", e.transcriptUrl())
                .param("transcript", e.transcript())
                .param("summary", e.summary())
                .update();
    }

    public void record(SmsEvent e) {
        jdbc.sql("""
                insert into sms_message (org_id, provider, provider_message_id, direction, from_number, to_number,
                    external_number, external_name, agent_id, agent_name, body, sent_at)
                values (:org, :provider, :messageId, :direction, :from, :to, :external, :externalName, :agentId,
                    :agentName, :body, :sentAt)
                on conflict (org_id, provider, provider_message_id) do nothing
                """)
                .param("org", e.orgId())
                .param("provider", e.provider())
                .param("messageId", e.providerMessageId())
                .param("direction", e.direction())
                .param("from", e.fromNumber())
                .param("to", e.toNumber())
                .param("external", e.externalNumber())
                .param("externalName", e.externalName())
                .param("agentId", e.agent().id())
                .param("agentName", e.agent().name())
                .param("body", e.text())
                .param("sentAt", ts(e.sentAt()))
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
