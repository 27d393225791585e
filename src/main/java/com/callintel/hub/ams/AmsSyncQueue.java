package com.callintel.hub.ams;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.store.DurableCommit;
import com.callintel.hub.tenancy.ServiceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ams_sync table as a work queue shared by every hub node (leases, {@code FOR UPDATE SKIP LOCKED}). Jobs are
 * enqueued in the transaction that records the call or SMS, so a note is never forgotten nor asked for twice.
 */
@Repository
public class AmsSyncQueue {

    private final JdbcClient jdbc;
    private final AmsSyncProperties properties;
    private final TransactionTemplate transaction;
    private final ServiceStatus service;

    AmsSyncQueue(JdbcClient jdbc, AmsSyncProperties properties, TransactionTemplate transaction, ServiceStatus service) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.transaction = transaction;
        this.service = service;
    }

    /**
     * An agent picked the call's AMS client on its screen pop (the caller's transaction also keeps it on the call):
     * returns "waiting-for-call-end" while no sync exists, "target-set" for a sync not yet run, "requeued" for one
     * that waited for a choice, was unmatched or dead. A note already written stays where it is (409).
     */
    public String targetChosen(UUID orgId, long callId, String targetId) {
        var sync = jdbc.sql("""
                select id, status, ams_record_id from ams_sync where org_id = :org and source_kind = 'call' and source_id = :call
                for update
                """)
                .param("org", orgId).param("call", callId).query().listOfRows().stream().findFirst();
        if (sync.isEmpty()) {
            return "waiting-for-call-end";
        }
        Map<String, Object> row = sync.get();
        long id = ((Number) row.get("id")).longValue();
        String status = (String) row.get("status");
        if (row.get("ams_record_id") != null) {
            throw new ProblemException(Problem.of(409, "note-already-written", "Note already written",
                    "The call's note is already in the AMS; move it there if it belongs to another client."));
        }
        if ("needs_choice".equals(status) || "unmatched".equals(status) || "dead".equals(status)) {
            requeue(orgId, id, targetId);
            return "requeued";
        }
        jdbc.sql("update ams_sync set target_id = :target, updated_at = now() where org_id = :org and id = :id")
                .param("target", targetId).param("org", orgId).param("id", id).update();
        return "target-set";
    }

    /**
     * Leases a batch of due syncs, at most {@code syncs-per-organization} of each organization (its bulkhead's
     * size) less the calls this node already runs for it: the rest keep their place in the queue, so an agency
     * whose syncs keep failing fast cannot starve its own older syncs, nor crowd out the other agencies' ones from
     * a batch, and a sync is never leased only to be put back because its organization is at its limit. This
     * commit waits for the disk (asked for explicitly, whatever the database's default), and so flushes every
     * relaxed commit before it — the job's own outbox insert included — before any AMS is called. An organization the
     * hub does not serve now (billing canceled, or past due beyond its grace) counts as fully busy: its syncs wait
     * in the queue, and are written if service resumes before the purge's hard maximum takes them.
     */
    public List<SyncJob> claim(Map<UUID, Integer> running) {
        Map<UUID, Integer> held = new java.util.HashMap<>(running);
        service.unserved().forEach(orgId -> held.put(orgId, properties.syncsPerOrganization()));
        return transaction.execute(status -> {
            DurableCommit.forThisTransaction(jdbc);
            return lease(held);
        });
    }

    /**
     * One index probe per organization (the partial index on {@code (org_id, next_attempt_at)}), bounded by
     * {@code next_attempt_at <= now()}: a leased sync keeps the due time it was leased at, so an expired lease is
     * found there too, and syncs waiting for a later retry are never read.
     */
    private List<SyncJob> lease(Map<UUID, Integer> running) {
        List<Map.Entry<UUID, Integer>> busy = List.copyOf(running.entrySet());
        return jdbc.sql("""
                update ams_sync s set status = 'syncing', attempts = s.attempts + 1,
                    lease_until = now() + make_interval(secs => :lease), updated_at = now()
                where (s.org_id, s.id) in (
                    select d.org_id, d.id
                    from organization o
                    left join unnest(cast(:busyOrganizations as uuid[]), cast(:busyRunning as int[])) b(org_id, running)
                        on b.org_id = o.id
                    cross join lateral (
                        select a.org_id, a.id, a.next_attempt_at from ams_sync a
                        where a.org_id = o.id
                          and a.status in ('pending', 'syncing') and a.next_attempt_at <= now()
                          and (a.status = 'pending' or a.lease_until < now())
                        order by a.next_attempt_at
                        limit greatest(:perOrganization - coalesce(b.running, 0), 0)
                        for update of a skip locked) d
                    order by d.next_attempt_at
                    limit :batch)
                returning s.org_id, s.id, s.source_kind, s.source_id, s.content_version, s.synced_version,
                    s.target_id, s.ams_record_id, s.attempts, s.write_started_at
                """)
                .param("lease", properties.lease().toSeconds())
                .param("batch", properties.batchSize())
                .param("perOrganization", properties.syncsPerOrganization())
                .param("busyOrganizations", postgresArray(busy.stream().map(Map.Entry::getKey).toList()))
                .param("busyRunning", postgresArray(busy.stream().map(Map.Entry::getValue).toList()))
                .query((rs, n) -> new SyncJob(rs.getObject("org_id", UUID.class), rs.getLong("id"),
                        rs.getString("source_kind"), rs.getLong("source_id"), rs.getInt("content_version"),
                        rs.getInt("synced_version"), rs.getString("target_id"), rs.getString("ams_record_id"),
                        rs.getInt("attempts"), instant(rs.getTimestamp("write_started_at"))))
                .list();
    }

    /** Uuids and integers as a PostgreSQL array literal (neither needs quoting). */
    private static String postgresArray(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The note is about to go to the AMS: marked, durably, before the call (kept if an earlier attempt set it), so
     * that whoever claims the sync after a crash or a lost answer knows to read the AMS back before writing.
     */
    public void writeStarting(SyncJob job) {
        if (job.mayHaveWritten()) {
            return;
        }
        jdbc.sql("""
                update ams_sync set write_started_at = now()
                from (%s) durable
                where org_id = :org and id = :id and write_started_at is null
                """.formatted(DurableCommit.SET_IN_STATEMENT))
                .param("org", job.orgId()).param("id", job.id())
                .update();
    }

    /**
     * A call gained content the hub made itself (its AI analysis): its note moves to a new version, written as an
     * update of the note already in the AMS (or with the first note, if that is still waiting). Nothing happens
     * while the call has no note due yet: the note will be composed with the content when it is.
     */
    public void callContentGained(UUID orgId, long callId) {
        jdbc.sql("""
                update ams_sync set content_version = content_version + 1,
                    status = case when status = 'synced' then 'pending' else status end,
                    next_attempt_at = case when status = 'synced' then now() else next_attempt_at end,
                    updated_at = now()
                where org_id = :org and source_kind = 'call' and source_id = :id
                """)
                .param("org", orgId).param("id", callId).update();
    }

    /** The AMS refused the write outright (nothing written): the mark goes, the retry writes without a read-back. */
    public void writeRefused(SyncJob job) {
        jdbc.sql("update ams_sync set write_started_at = null where org_id = :org and id = :id")
                .param("org", job.orgId()).param("id", job.id())
                .update();
    }

    /**
     * The AMS holds the note: its record id, and this content version done, in one fsync'd statement — no crash can leave
     * the id stored but the sync unsettled (a retry would add a follow-up), nor the write mark set. The first id
     * is kept: every later write is a follow-up of it. If more content arrived meanwhile, the job stays due for an
     * update.
     */
    public void written(SyncJob job, String targetId, String amsRecordId) {
        jdbc.sql("""
                update ams_sync set target_id = :target, ams_record_id = coalesce(ams_record_id, :record),
                    write_started_at = null, synced_version = :version, synced_at = now(), last_error = null,
                    lease_until = null, candidates = null, attempts = 0, updated_at = now(),
                    status = case when content_version > :version then 'pending' else 'synced' end,
                    next_attempt_at = now()
                from (%s) durable
                where org_id = :org and id = :id
                """.formatted(DurableCommit.SET_IN_STATEMENT))
                .param("target", targetId).param("record", amsRecordId).param("version", job.contentVersion())
                .param("org", job.orgId()).param("id", job.id())
                .update();
    }

    public void unmatched(SyncJob job) {
        settle(job, "unmatched", null);
    }

    /** The chosen record is not the caller's (the AMS said so live): no target, the sync waits for another choice. */
    public void targetRefused(SyncJob job, String reason) {
        jdbc.sql("""
                update ams_sync set status = 'unmatched', target_id = null, last_error = :reason, lease_until = null,
                    updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("reason", reason).param("org", job.orgId()).param("id", job.id())
                .update();
    }

    /** Several clients have the number: the candidates wait for an agent's or admin's choice. */
    public void needsChoice(SyncJob job, String candidatesJson) {
        jdbc.sql("""
                update ams_sync set status = 'needs_choice', candidates = cast(:candidates as jsonb), lease_until = null,
                    updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("candidates", candidatesJson).param("org", job.orgId()).param("id", job.id())
                .update();
    }

    /** A passing fault: back to the queue after {@code delay}; after the last attempt the job is dead-lettered. */
    public boolean retryLater(SyncJob job, Duration delay, String reason) {
        if (job.attempts() >= properties.maxAttempts()) {
            settle(job, "dead", "gave up after " + job.attempts() + " attempts: " + reason);
            return false;
        }
        jdbc.sql("""
                update ams_sync set status = 'pending', next_attempt_at = now() + make_interval(secs => :delay),
                    last_error = :reason, lease_until = null, updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("delay", Math.max(0.0, delay.toMillis() / 1000.0)).param("reason", reason)
                .param("org", job.orgId()).param("id", job.id())
                .update();
        return true;
    }

    /** A fault retrying cannot fix (the AMS refused the note itself): dead-lettered at once. */
    public void dead(SyncJob job, String reason) {
        settle(job, "dead", reason);
    }

    /** An admin's retry, or an agent's choice of client: the job becomes due again. */
    public boolean requeue(UUID orgId, long id, String targetId) {
        return jdbc.sql("""
                update ams_sync set status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = null,
                    target_id = coalesce(:target, target_id), last_error = null, updated_at = now()
                where org_id = :org and id = :id and status in ('dead', 'unmatched', 'needs_choice')
                """)
                .param("target", targetId).param("org", orgId).param("id", id)
                .update() == 1;
    }

    /** The organization's bulkhead was full: back to the queue after {@code delay}, the attempt not counted. */
    public void postpone(SyncJob job, Duration delay) {
        jdbc.sql("""
                update ams_sync set status = 'pending', attempts = greatest(attempts - 1, 0), lease_until = null,
                    next_attempt_at = now() + make_interval(secs => :delay), updated_at = now()
                where org_id = :org and id = :id and status = 'syncing'
                """)
                .param("delay", delay.toMillis() / 1000.0).param("org", job.orgId()).param("id", job.id())
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void settle(SyncJob job, String status, String reason) {
        jdbc.sql("""
                update ams_sync set status = :status, last_error = :reason, lease_until = null, updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("status", status).param("reason", reason).param("org", job.orgId()).param("id", job.id())
                .update();
    }
}
