package com.callintel.hub.privacy;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.ai.AiPrivacyStatements;
import com.callintel.hub.ams.AmsSyncPrivacyStatements;
import com.callintel.hub.calls.CallPrivacyStatements;
import com.callintel.hub.intake.ReplayGuard;
import com.callintel.hub.store.RelaxedCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purges behind the privacy promise, called by the Quartz routes in routes/: personal data of every call
 * and SMS whose note reached the AMS is masked or deleted (hourly, so within an hour of the sync), and nothing
 * outlives the hard maximum. Each batch is its own short transaction, so intake never waits on a purge.
 */
@Component("privacyPurge")
public class PrivacyPurge {

    private static final Logger log = LoggerFactory.getLogger(PrivacyPurge.class);
    /** The Quartz consumer's header with the fire time the schedule intended (the period's identity). */
    private static final String SCHEDULED_FIRE_TIME = "scheduledFireTime";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PrivacyProperties properties;
    private final MeterRegistry meters;
    private final ReplayGuard replayGuard;
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();

    PrivacyPurge(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, PrivacyProperties properties,
                 MeterRegistry meters, ReplayGuard replayGuard) {
        this.meters = meters;
        this.replayGuard = replayGuard;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    /** Masks the people and purges the texts of everything synced to the AMS now; returns the rows masked. */
    public long afterSync() {
        return afterSync(null);
    }

    /**
     * The scheduled purge after sync for one period ({@code scheduledFor}, Quartz's fire time; null when run by
     * hand). A period another node already ran is skipped. Returns the rows masked.
     */
    public long afterSync(@Header(SCHEDULED_FIRE_TIME) Date scheduledFor) {
        Instant now = clock.instant();
        Long run = startRun("purge-after-sync", now, scheduledFor);
        if (run == null) {
            return 0;
        }
        long masked = keyset(now, CallPrivacyStatements.MASK_SYNCED_CALLS);
        // an AI analysis's texts go with its call's
        masked += keyset(now, AiPrivacyStatements.PURGE_WITH_CALL);
        masked += keyset(now, CallPrivacyStatements.MASK_SYNCED_MESSAGES);
        masked += keyset(now, AmsSyncPrivacyStatements.CLEAR_SYNCED_DETAILS);
        // the provider's raw JSON is not needed once the event is applied; failed events keep it for a retry
        masked += keyset(now, """
                with batch as (
                    select org_id, id from inbound_event
                    where payload_purged_at is null and (org_id, id) > (:afterOrg, :afterId)
                        and status in ('processed', 'ignored') and processed_at <= :now
                    order by org_id, id limit :batch for update skip locked),
                done as (
                    update inbound_event e set payload = '{}'::jsonb, payload_purged_at = :now
                    from batch where e.org_id = batch.org_id and e.id = batch.id returning 1)
                """);
        finishRun(run, masked, 0);
        log.info("Purge after sync: {} rows masked", masked);
        return masked;
    }

    /** Deletes whatever is older than the hard maximum, whatever its state, now; returns the rows deleted. */
    public long hardMaximum() {
        return hardMaximum(null);
    }

    /** The scheduled hard-maximum purge for one period (see {@link #afterSync(Date)}). */
    public long hardMaximum(@Header(SCHEDULED_FIRE_TIME) Date scheduledFor) {
        Instant now = clock.instant();
        Long run = startRun("purge-hard-maximum", now, scheduledFor);
        if (run == null) {
            return 0;
        }
        long deleted = 0;
        for (String expired : List.of(AmsSyncPrivacyStatements.DELETE_EXPIRED, CallPrivacyStatements.DELETE_EXPIRED_CALLS,
                CallPrivacyStatements.DELETE_EXPIRED_MESSAGES)) {
            deleted += keyset(now, expired);
        }
        // each deleted event leaves the keyed hash of its dedupe key, so a provider's replay is not stored as new
        deleted += keyset(now, """
                with batch as (
                    select org_id, id from inbound_event where received_at < :cutoff and (org_id, id) > (:afterOrg, :afterId)
                    order by org_id, id limit :batch for update skip locked),
                done as (
                    delete from inbound_event t using batch where t.org_id = batch.org_id and t.id = batch.id
                    returning t.org_id, t.provider, t.dedupe_key),
                guarded as (
                    insert into replay_guard (org_id, provider, key_hash, kept_until)
                    select org_id, provider, sha256(:outerPad || sha256(:innerPad || convert_to(dedupe_key, 'UTF8'))),
                        :guardUntil
                    from done
                    on conflict (org_id, provider, key_hash) do update set kept_until = excluded.kept_until)
                """, Map.of("innerPad", replayGuard.innerPad(), "outerPad", replayGuard.outerPad(),
                        "guardUntil", ts(now.plus(replayGuard.retention()))));
        deleted += expiredReplayGuards(now);
        finishRun(run, 0, deleted);
        log.info("Purge at the {}-day hard maximum: {} rows deleted", properties.hardMaximum().toDays(), deleted);
        return deleted;
    }

    /** Deletes the keyed hashes kept past their time, a batch a transaction; returns how many. */
    private long expiredReplayGuards(Instant now) {
        long total = 0;
        while (true) {
            Integer deleted = transaction.execute(status -> {
                RelaxedCommit.forThisTransaction(jdbc);
                return jdbc.sql("""
                        delete from replay_guard g using (
                            select org_id, provider, key_hash from replay_guard where kept_until < :now
                            limit :batch for update skip locked) expired
                        where g.org_id = expired.org_id and g.provider = expired.provider and g.key_hash = expired.key_hash
                        """)
                        .param("now", ts(now)).param("batch", properties.batchSize())
                        .update();
            });
            total += deleted;
            if (deleted < properties.batchSize()) {
                return total;
            }
            pause();
        }
    }

    /**
     * Runs a batch statement again and again, each time in its own short transaction, walking the table in
     * primary-key order (keyset pagination), so a run reads each row once however many rows it purges. The
     * statement defines CTEs {@code batch} (the rows it locked, at most :batch, after :afterOrg/:afterId) and
     * {@code done} (what it changed). Rows locked by intake at that moment are skipped and purged next run.
     */
    private long keyset(Instant now, String statement) {
        return keyset(now, statement, Map.of());
    }

    /** {@link #keyset(Instant, String)} with statement parameters of its own. */
    private long keyset(Instant now, String statement, Map<String, Object> parameters) {
        String sql = statement + """
                select (select count(*) from done) as touched, (select count(*) from batch) as seen,
                    (select org_id from batch order by org_id desc, id desc limit 1) as last_org,
                    (select id from batch order by org_id desc, id desc limit 1) as last_id
                """;
        Timestamp nowTs = ts(now);
        Timestamp cutoff = ts(now.minus(properties.hardMaximum()));
        UUID afterOrg = new UUID(0, 0);
        long afterId = 0;
        long total = 0;
        while (true) {
            UUID org = afterOrg;
            long id = afterId;
            Batch batch = transaction.execute(status -> {
                // a purge batch lost in a crash is simply done again by the next run: it need not wait for the
                // WAL flush that intake's acknowledgements wait for
                RelaxedCommit.forThisTransaction(jdbc);
                return jdbc.sql(sql)
                        .param("now", nowTs).param("cutoff", cutoff).param("batch", properties.batchSize())
                        .param("afterOrg", org).param("afterId", id)
                        .params(parameters)
                        .query((rs, n) -> new Batch(rs.getLong("touched"), rs.getLong("seen"),
                                rs.getObject("last_org", UUID.class), rs.getLong("last_id")))
                        .single();
            });
            total += batch.touched();
            if (batch.seen() < properties.batchSize()) {
                return total;
            }
            afterOrg = batch.lastOrg();
            afterId = batch.lastId();
            pause();
        }
    }

    private void pause() {
        if (properties.batchPause().isZero()) {
            return;
        }
        try {
            Thread.sleep(properties.batchPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("purge interrupted", e);
        }
    }

    private record Batch(long touched, long seen, UUID lastOrg, long lastId) {
    }

    /** The new run's id, or null when this period of the job has already run (on another node). */
    private Long startRun(String job, Instant now, Date scheduledFor) {
        Long run = jdbc.sql("""
                        insert into purge_run (job, node, started_at, scheduled_for) values (:job, :node, :now, :period)
                        on conflict (job, scheduled_for) do nothing returning id
                        """)
                .param("job", job).param("node", node()).param("now", ts(now))
                .param("period", scheduledFor == null ? null : new Timestamp(scheduledFor.getTime()))
                .query(Long.class).optional().orElse(null);
        runs.computeIfAbsent(job + (run == null ? "/already-ran" : "/ran"), key -> Counter.builder("callintel.purge.runs")
                .description("Purge runs started on this node; already-ran: a period another node had run")
                .tag("job", job).tag("outcome", run == null ? "already-ran" : "ran").register(meters)).increment();
        if (run == null) {
            log.warn("Purge {} for {} skipped: another node already ran this period", job, scheduledFor.toInstant());
        }
        return run;
    }

    private void finishRun(long run, long masked, long deleted) {
        jdbc.sql("update purge_run set finished_at = :now, rows_masked = :masked, rows_deleted = :deleted where id = :id")
                .param("now", ts(clock.instant())).param("masked", masked).param("deleted", deleted).param("id", run)
                .update();
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (java.io.IOException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

}
