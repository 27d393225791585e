package com.callintel.hub.privacy;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();

    PrivacyPurge(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, PrivacyProperties properties,
                 MeterRegistry meters) {
        this.meters = meters;
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
        long masked = batched(() -> jdbc.sql("""
                update call c set from_number = null, to_number = null, external_number = null, external_name = null,
                    agent_name = null, agent_email = null, recording_url = null, transcript_url = null,
                    transcript = null, summary = null, purged_at = :now
                where (c.org_id, c.id) in (
                    select c2.org_id, c2.id from call c2
                    join ams_sync s on s.org_id = c2.org_id and s.source_kind = 'call' and s.source_id = c2.id
                    where c2.purged_at is null and s.status = 'synced' and s.synced_at <= :now
                    limit :batch for update of c2 skip locked)
                """).param("now", ts(now)).param("batch", properties.batchSize()).update());
        masked += batched(() -> jdbc.sql("""
                update sms_message m set from_number = null, to_number = null, external_number = null,
                    external_name = null, agent_name = null, body = null, purged_at = :now
                where (m.org_id, m.id) in (
                    select m2.org_id, m2.id from sms_message m2
                    join ams_sync s on s.org_id = m2.org_id and s.source_kind = 'sms' and s.source_id = m2.id
                    where m2.purged_at is null and s.status = 'synced' and s.synced_at <= :now
                    limit :batch for update of m2 skip locked)
                """).param("now", ts(now)).param("batch", properties.batchSize()).update());
        masked += batched(() -> jdbc.sql("""
                update ams_sync set candidates = null, last_error = null
                where (org_id, id) in (select org_id, id from ams_sync
                    where status = 'synced' and (candidates is not null or last_error is not null)
                    limit :batch for update skip locked)
                """).param("batch", properties.batchSize()).update());
        // the provider's raw JSON is not needed once the event is applied; failed events keep it for a retry
        masked += batched(() -> jdbc.sql("""
                update inbound_event set payload = '{}'::jsonb, payload_purged_at = :now
                where (org_id, id) in (select org_id, id from inbound_event
                    where payload_purged_at is null and status in ('processed', 'ignored') and processed_at <= :now
                    limit :batch for update skip locked)
                """).param("now", ts(now)).param("batch", properties.batchSize()).update());
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
        Timestamp cutoff = ts(now.minus(properties.hardMaximum()));
        Long run = startRun("purge-hard-maximum", now, scheduledFor);
        if (run == null) {
            return 0;
        }
        long deleted = 0;
        for (String table : new String[] {"ams_sync", "call", "sms_message"}) {
            deleted += batched(() -> jdbc.sql("delete from " + table + " where (org_id, id) in (select org_id, id from "
                            + table + " where created_at < :cutoff limit :batch for update skip locked)")
                    .param("cutoff", cutoff).param("batch", properties.batchSize()).update());
        }
        deleted += batched(() -> jdbc.sql("""
                delete from inbound_event where (org_id, id) in (select org_id, id from inbound_event
                    where received_at < :cutoff limit :batch for update skip locked)
                """).param("cutoff", cutoff).param("batch", properties.batchSize()).update());
        finishRun(run, 0, deleted);
        log.info("Purge at the {}-day hard maximum: {} rows deleted", properties.hardMaximum().toDays(), deleted);
        return deleted;
    }

    /** Repeats one batch statement, each in its own transaction, until it touches nothing. */
    private long batched(Supplier<Integer> batch) {
        long total = 0;
        int touched;
        do {
            Integer n = transaction.execute(status -> batch.get());
            touched = n == null ? 0 : n;
            total += touched;
        } while (touched >= properties.batchSize());
        return total;
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
