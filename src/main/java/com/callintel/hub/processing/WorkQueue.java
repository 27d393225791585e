package com.callintel.hub.processing;

import java.util.List;
import java.util.UUID;

import com.callintel.hub.store.RelaxedCommit;
import com.callintel.hub.tenancy.Organization;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbound_event table read as a work queue that several hub nodes share: a claim leases a batch with
 * {@code FOR UPDATE SKIP LOCKED}, so no two nodes take the same event, and a node that dies mid-batch only
 * delays its events until the lease runs out.
 */
@Repository
public class WorkQueue {

    private static final String FINISH = """
            update inbound_event set status = :status, failure_reason = :reason, lease_until = null,
                processed_at = now()
            where org_id = :org and id = :id
            """;
    /** {@link #FINISH} for a whole batch in one statement: one row of arrays per event. */
    private static final String FINISH_ALL = """
            update inbound_event e set status = f.status, failure_reason = f.reason, lease_until = null,
                processed_at = now()
            from unnest(cast(:orgs as text[]), cast(:ids as text[]), cast(:statuses as text[]), cast(:reasons as text[]))
                as f(org_id, id, status, reason)
            where e.org_id = f.org_id::uuid and e.id = f.id::bigint
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ProcessingProperties properties;
    private final TransactionTemplate transaction;

    WorkQueue(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ProcessingProperties properties,
              TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.properties = properties;
        this.transaction = transaction;
    }

    /**
     * Leases a batch of stored events. The lease need not reach the disk before processing starts: lost in a
     * crash, it only means the events are claimed again (the stored webhooks themselves are fsync'd).
     */
    public List<QueuedEvent> claim() {
        return transaction.execute(status -> {
            RelaxedCommit.forThisTransaction(jdbc);
            return lease();
        });
    }

    private List<QueuedEvent> lease() {
        return jdbc.sql("""
                with leased as (
                    update inbound_event e set status = 'processing', attempts = e.attempts + 1,
                        lease_until = now() + make_interval(secs => :leaseSeconds)
                    where (e.org_id, e.id) in (
                        select org_id, id from inbound_event
                        where processed_at is null
                          and (status = 'pending' or (status = 'processing' and lease_until < now()))
                        order by id
                        limit :batch
                        for update skip locked)
                    returning e.org_id, e.id, e.provider, e.event_kind, e.payload::text as payload, e.attempts,
                        e.received_at)
                select l.*, o.id as organization, o.name, o.default_region, o.time_zone
                from leased l left join organization o on o.id = l.org_id
                order by l.id
                """)
                .param("leaseSeconds", properties.lease().toSeconds())
                .param("batch", properties.batchSize())
                .query((rs, n) -> new QueuedEvent(rs.getObject("org_id", UUID.class), rs.getLong("id"),
                        rs.getString("provider"), rs.getString("event_kind"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getObject("organization") == null ? null : new Organization(rs.getObject("organization", UUID.class),
                                rs.getString("name"), rs.getString("default_region"), rs.getString("time_zone"))))
                .list();
    }

    /**
     * Marks every recorded event of a batch processed, or ignored with its reason, within the caller's
     * transaction: one statement for the whole batch.
     */
    public void finished(List<RecordedEvent> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        jdbc.sql(FINISH_ALL)
                .param("orgs", recorded.stream().map(r -> r.event().orgId().toString()).toArray(String[]::new))
                .param("ids", recorded.stream().map(r -> Long.toString(r.event().id())).toArray(String[]::new))
                .param("statuses", recorded.stream().map(r -> r.normalized().ignored() ? "ignored" : "processed")
                        .toArray(String[]::new))
                .param("reasons", recorded.stream().map(r -> r.normalized().ignored() ? r.normalized().ignoredReason() : null)
                        .toArray(String[]::new))
                .update();
    }

    /** Visible, final failure: the reason is kept and the event is not retried. */
    public void failed(QueuedEvent event, String reason) {
        finish(event, "failed", reason);
    }

    /** A passing fault: the event goes back to the queue after the retry delay, until attempts run out. */
    public void retryLater(QueuedEvent event, String reason) {
        if (event.attempts() >= properties.maxAttempts()) {
            failed(event, "gave up after " + event.attempts() + " attempts: " + reason);
            return;
        }
        jdbc.sql("""
                update inbound_event set status = 'processing', failure_reason = :reason,
                    lease_until = now() + make_interval(secs => :delay)
                where org_id = :org and id = :id
                """)
                .param("reason", reason).param("delay", properties.retryDelay().toSeconds())
                .param("org", event.orgId()).param("id", event.id())
                .update();
    }

    /** An admin's retry of a failed event: it goes back to the queue with fresh attempts. */
    public boolean retryFailed(UUID orgId, long eventId) {
        return jdbc.sql("""
                update inbound_event set status = 'pending', attempts = 0, lease_until = null, failure_reason = null,
                    processed_at = null
                where org_id = :org and id = :id and status = 'failed'
                """)
                .param("org", orgId).param("id", eventId)
                .update() == 1;
    }

    private void finish(QueuedEvent event, String status, String reason) {
        batch.update(FINISH, finishing(event, status, reason));
    }

    private static SqlParameterSource finishing(QueuedEvent event, String status, String reason) {
        return new MapSqlParameterSource().addValue("status", status).addValue("reason", reason)
                .addValue("org", event.orgId()).addValue("id", event.id());
    }
}
