package com.callintel.hub.analytics;

import java.util.UUID;
import java.util.function.Supplier;

import com.callintel.hub.processing.NormalizedEvents;
import com.callintel.hub.processing.ProcessedBatch;
import com.callintel.hub.store.RelaxedCommit;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analytics facts: each call, SMS and AMS sync touched by an event is re-derived from its current record
 * and upserted by its key, so a duplicate or reordered event gives the same fact (idempotent by construction).
 * Called by the wire-tapped routes in routes/analytics-*.yaml and by the periodic reconcile, which repairs any
 * fact whose update failed. Every statement waits at most {@code callintel.analytics.lock-timeout} for a lock:
 * a stuck analytics step fails quickly instead of tying up the wire-tap's threads.
 */
@Component("analyticsFacts")
public class AnalyticsFacts {

    /**
     * The fact of a call from its row: outcome, talk and ring-to-answer seconds, the agent and mapped member, and
     * the intent and sentiment of its latest AI analysis.
     */
    private static final String CALL_FACT = """
            insert into call_fact as f (org_id, provider, provider_call_id, direction, agent_id, agent_extension,
                member_id, outcome, started_at, answered_at, ended_at, talk_seconds, ring_seconds, source_version,
                intent, sentiment)
            select c.org_id, c.provider, c.provider_call_id, c.direction, c.agent_id, c.agent_extension,
                (select m.member_id from agent_mapping m
                 where m.org_id = c.org_id and m.provider = c.provider
                   and (m.provider_user_id = c.agent_id or m.email = c.agent_email or m.extension = c.agent_extension)
                 order by (m.provider_user_id = c.agent_id) desc nulls last, m.id limit 1),
                c.outcome, c.started_at, c.answered_at, c.ended_at,
                case when c.outcome = 'answered' then c.duration_seconds end,
                case when c.outcome = 'answered' and c.answered_at is not null
                     then greatest(0, round(extract(epoch from (c.answered_at - c.started_at))))::int end,
                c.event_count, ai.intent, ai.sentiment
            from call c
            left join lateral (select a.intent, a.sentiment from call_analysis a
                               where a.org_id = c.org_id and a.call_id = c.id and a.status = 'done'
                               order by a.analysed_at desc limit 1) ai on true
            where %s and c.started_at is not null
            on conflict (org_id, provider, provider_call_id) do update set
                direction = excluded.direction, agent_id = excluded.agent_id,
                agent_extension = excluded.agent_extension, member_id = excluded.member_id,
                outcome = excluded.outcome, started_at = excluded.started_at, answered_at = excluded.answered_at,
                ended_at = excluded.ended_at, talk_seconds = excluded.talk_seconds,
                ring_seconds = excluded.ring_seconds, source_version = excluded.source_version,
                intent = excluded.intent, sentiment = excluded.sentiment, updated_at = now()
            where f.source_version <= excluded.source_version
            """;

    private static final String SMS_FACT = """
            insert into sms_fact (org_id, provider, provider_message_id, direction, agent_id, member_id, sent_at)
            select s.org_id, s.provider, s.provider_message_id, s.direction, s.agent_id,
                (select m.member_id from agent_mapping m
                 where m.org_id = s.org_id and m.provider = s.provider and m.provider_user_id = s.agent_id
                 order by m.id limit 1),
                s.sent_at
            from sms_message s
            where %s and s.sent_at is not null
            on conflict (org_id, provider, provider_message_id) do nothing
            """;

    private static final String SYNC_FACT = """
            insert into ams_sync_fact as f (org_id, sync_id, source_kind, status, attempts, settled_at)
            select s.org_id, s.id, s.source_kind, s.status, s.attempts, s.updated_at
            from ams_sync s
            where %s and s.status <> 'syncing' and (s.status <> 'pending' or s.attempts > 0)
            on conflict (org_id, sync_id) do update set
                status = excluded.status, attempts = excluded.attempts, settled_at = excluded.settled_at
            where f.settled_at <= excluded.settled_at
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final TransactionTemplate transaction;
    private final AnalyticsProperties properties;

    AnalyticsFacts(JdbcClient jdbc, NamedParameterJdbcTemplate batches, TransactionTemplate transaction,
                   AnalyticsProperties properties) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transaction = transaction;
        this.properties = properties;
    }

    /**
     * The wire-tap of process-record: the facts of every call and SMS the processed batch touched, once each, in
     * one transaction of two JDBC batches.
     */
    public void record(ProcessedBatch batch) {
        NormalizedEvents touched = batch.touched();
        guarded(() -> {
            if (!touched.calls().isEmpty()) {
                batches.batchUpdate(CALL_FACT.formatted(
                                "c.org_id = :org and c.provider = :provider and c.provider_call_id = :id"),
                        touched.calls().stream().map(call -> key(call.orgId(), call.provider(), call.providerCallId()))
                                .toArray(SqlParameterSource[]::new));
            }
            if (!touched.messages().isEmpty()) {
                batches.batchUpdate(SMS_FACT.formatted(
                                "s.org_id = :org and s.provider = :provider and s.provider_message_id = :id"),
                        touched.messages().stream().map(sms -> key(sms.orgId(), sms.provider(), sms.providerMessageId()))
                                .toArray(SqlParameterSource[]::new));
            }
            return null;
        });
    }

    private static SqlParameterSource key(UUID orgId, String provider, String id) {
        return new MapSqlParameterSource().addValue("org", orgId).addValue("provider", provider).addValue("id", id);
    }

    /** An AI analysis of the call is in: its fact takes the intent and sentiment. */
    public void recordAnalysed(UUID orgId, long callId) {
        guarded(() -> jdbc.sql(CALL_FACT.formatted("c.org_id = :org and c.id = :id"))
                .param("org", orgId).param("id", callId).update());
    }

    /** The wire-tap of ams-sync: the latest outcome of one sync (told by its ids: analytics never uses the AMS side). */
    public void recordSync(UUID orgId, long syncId) {
        guarded(() -> jdbc.sql(SYNC_FACT.formatted("s.org_id = :org and s.id = :id"))
                .param("org", orgId).param("id", syncId).update());
    }

    /**
     * Repairs whatever a failed or lost wire-tap left behind: every call whose fact is missing or older than its
     * row, every SMS and settled sync without a current fact. Runs well inside the 30 days the records live.
     * Returns the facts written.
     */
    public int reconcile() {
        Integer calls = guarded(() -> jdbc.sql(CALL_FACT.formatted("""
                not exists (select 1 from call_fact f where f.org_id = c.org_id and f.provider = c.provider
                    and f.provider_call_id = c.provider_call_id and f.source_version >= c.event_count
                    and (f.intent is not null or not exists (select 1 from call_analysis a
                        where a.org_id = c.org_id and a.call_id = c.id and a.status = 'done')))""")).update());
        Integer sms = guarded(() -> jdbc.sql(SMS_FACT.formatted("""
                not exists (select 1 from sms_fact f where f.org_id = s.org_id and f.provider = s.provider
                    and f.provider_message_id = s.provider_message_id)""")).update());
        Integer syncs = guarded(() -> jdbc.sql(SYNC_FACT.formatted("""
                not exists (select 1 from ams_sync_fact f where f.org_id = s.org_id and f.sync_id = s.id
                    and f.status = s.status and f.settled_at >= s.updated_at)""")).update());
        return calls + sms + syncs;
    }

    /**
     * One transaction whose statements give up on a lock after the configured time and whose commit does not wait
     * for the disk; a database failure is reported by its cause alone (the route logs it), not by the whole
     * statement.
     */
    private <T> T guarded(Supplier<T> work) {
        try {
            return transaction.execute(status -> {
                jdbc.sql("select set_config('lock_timeout', :timeout, true), " + RelaxedCommit.SET_IN_SELECT)
                        .param("timeout", properties.lockTimeout().toMillis() + "ms").query((rs, n) -> n).single();
                return work.get();
            });
        } catch (DataAccessException e) {
            throw new IllegalStateException(e.getMostSpecificCause().getMessage(), e);
        }
    }
}
