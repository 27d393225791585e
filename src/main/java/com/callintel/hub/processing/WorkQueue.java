package com.callintel.hub.processing;

import java.util.List;
import java.util.UUID;

import com.callintel.hub.store.RelaxedCommit;
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

    private final JdbcClient jdbc;
    private final ProcessingProperties properties;
    private final TransactionTemplate transaction;

    WorkQueue(JdbcClient jdbc, ProcessingProperties properties, TransactionTemplate transaction) {
        this.jdbc = jdbc;
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
                update inbound_event e set status = 'processing', attempts = e.attempts + 1,
                    lease_until = now() + make_interval(secs => :leaseSeconds)
                where (e.org_id, e.id) in (
                    select org_id, id from inbound_event
                    where status = 'pending' or (status = 'processing' and lease_until < now())
                    order by id
                    limit :batch
                    for update skip locked)
                returning e.org_id, e.id, e.provider, e.event_kind, e.payload::text as payload, e.attempts
                """)
                .param("leaseSeconds", properties.lease().toSeconds())
                .param("batch", properties.batchSize())
                .query((rs, n) -> new QueuedEvent(rs.getObject("org_id", UUID.class), rs.getLong("id"),
                        rs.getString("provider"), rs.getString("event_kind"), rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    public void processed(QueuedEvent event) {
        finish(event, "processed", null);
    }

    public void ignored(QueuedEvent event, String reason) {
        finish(event, "ignored", reason);
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
        jdbc.sql("""
                update inbound_event set status = :status, failure_reason = :reason, lease_until = null,
                    processed_at = now()
                where org_id = :org and id = :id
                """)
                .param("status", status).param("reason", reason)
                .param("org", event.orgId()).param("id", event.id())
                .update();
    }
}
