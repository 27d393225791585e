package com.callintel.hub.intake;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.store.DurableCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Group commit on the ack path. Webhooks to be stored wait in a bounded line; each of the store's writers (one
 * connection each) takes everything waiting, up to {@code store-batch}, and stores it with one statement in one
 * commit that waits for the disk; each webhook is answered once its own commit is durable. Concurrent webhooks so
 * share an fsync, a round trip and the queue's NOTIFY instead of paying one each. A webhook waits at most the
 * store timeout, and one that finds the line full is refused at once: 503 + Retry-After either way (a slow or
 * hung database never holds a request thread longer). One event the database refuses (a value it cannot store)
 * is stored alone, so it cannot fail its batch-mates.
 */
@Component
class GroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /*
     * The whole batch as arrays, in arrival order, so the first of two deliveries with one key is the one stored;
     * an event whose key the purge left a keyed hash of is not stored again. The durable setting is made in the
     * statement itself (one round trip): its auto-commit transaction waits for the disk whatever the default.
     */
    private static final String STORE_ALL = """
            insert into inbound_event (org_id, provider_account_id, provider, dedupe_key, event_kind, payload)
            select e.org_id::uuid, e.account_id::uuid, e.provider, e.dedupe_key, e.kind, e.payload::jsonb
            from (%s) durable,
                 unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     with ordinality as e(org_id, account_id, provider, dedupe_key, kind, payload, key_hash, n)
            where not exists (select 1 from replay_guard g where g.org_id = e.org_id::uuid
                              and g.provider = e.provider and g.key_hash = decode(e.key_hash, 'hex'))
            order by e.n
            on conflict (org_id, provider, dedupe_key) do nothing
            returning org_id::text, provider, dedupe_key
            """.formatted(DurableCommit.SET_IN_STATEMENT);

    private final IntakeConnections connections;
    private final BlockingQueue<Pending> waiting;
    private final List<Thread> writers = new ArrayList<>();
    private final int batchSize;
    private final long timeoutNanos;
    private final int retryAfterSeconds;
    private volatile boolean running = true;

    GroupCommit(IntakeConnections connections, IntakeCapacityProperties capacity, IntakeProperties intake) {
        this.connections = connections;
        this.waiting = new ArrayBlockingQueue<>(Math.max(1, capacity.storeWaiting()));
        this.batchSize = Math.max(1, capacity.storeBatch());
        this.timeoutNanos = capacity.storeTimeout().toNanos();
        this.retryAfterSeconds = intake.unavailableRetryAfterSeconds();
        for (int i = 1; i <= capacity.storeConnections(); i++) {
            Thread writer = new Thread(this::write, "intake-store-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /**
     * Stores the event within the store timeout; true when this delivery was stored, false when the same key was
     * stored (or stored and purged) before. A 503 problem when the line is full or the commit is not there in time.
     */
    boolean store(StoreRequest request) {
        Pending pending = new Pending(request);
        if (!running || !waiting.offer(pending)) {
            throw unavailable("The hub's store is saturated; retry later.");
        }
        try {
            return pending.answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // a webhook still waiting in line is then skipped; one already being written may still commit, which
            // only makes the provider's retry an acknowledged duplicate
            pending.answer.cancel(false);
            throw unavailable("The hub's store did not answer in time; retry later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.answer.cancel(false);
            throw unavailable("The hub is shutting down; retry later.");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    /** A writer: takes what is waiting, stores it as one batch, answers each webhook; until shutdown. */
    private void write() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running) {
            batch.clear();
            try {
                Pending first = waiting.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, batchSize - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batch.removeIf(pending -> pending.answer.isDone());   // its webhook was answered 503 meanwhile
            if (!batch.isEmpty()) {
                storeAll(batch);
            }
        }
    }

    private void storeAll(List<Pending> batch) {
        try {
            Set<List<String>> inserted = insert(batch);
            for (Pending pending : batch) {
                pending.answer.complete(inserted.remove(pending.request.key()));
            }
        } catch (DataAccessException e) {
            if (!refusedValue(e)) {
                batch.forEach(pending -> pending.answer.completeExceptionally(e));
            } else if (batch.size() == 1) {
                batch.get(0).answer.completeExceptionally(new UnstorableEventException(e));
            } else {
                // a value the database refuses: each alone, so only the event that holds it is refused
                batch.forEach(pending -> storeAll(List.of(pending)));
            }
        } catch (RuntimeException e) {
            log.error("Webhook batch not stored", e);
            batch.forEach(pending -> pending.answer.completeExceptionally(e));
        }
    }

    private Set<List<String>> insert(List<Pending> batch) {
        Set<List<String>> inserted = new HashSet<>();
        connections.template().query(connection -> {
            PreparedStatement statement = connection.prepareStatement(STORE_ALL);
            statement.setArray(1, texts(connection, batch, r -> r.orgId().toString()));
            statement.setArray(2, texts(connection, batch, r -> r.accountId().toString()));
            statement.setArray(3, texts(connection, batch, StoreRequest::provider));
            statement.setArray(4, texts(connection, batch, StoreRequest::dedupeKey));
            statement.setArray(5, texts(connection, batch, StoreRequest::kind));
            statement.setArray(6, texts(connection, batch, StoreRequest::payloadJson));
            statement.setArray(7, texts(connection, batch, r -> HexFormat.of().formatHex(r.keyHash())));
            return statement;
        }, row -> {
            inserted.add(List.of(row.getString(1), row.getString(2), row.getString(3)));
        });
        return inserted;
    }

    private static Array texts(Connection connection, List<Pending> batch, Function<StoreRequest, String> field)
            throws SQLException {
        return connection.createArrayOf("text", batch.stream().map(p -> field.apply(p.request)).toArray(String[]::new));
    }

    /** A value of the event itself the database will not take (data exception, constraint, size limit). */
    private static boolean refusedValue(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23")
                    || sql.getSQLState().startsWith("54"));
    }

    private ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "store-unavailable", "Temporarily unable to accept webhooks", detail)
                .retryAfter(retryAfterSeconds));
    }

    @Override
    public void destroy() {
        running = false;
        writers.forEach(Thread::interrupt);
        Pending left;
        while ((left = waiting.poll()) != null) {
            left.answer.completeExceptionally(unavailable("The hub is shutting down; retry later."));
        }
    }

    /** What one webhook asks the store: its row, and the keyed hash the replay guard compares. */
    record StoreRequest(UUID orgId, UUID accountId, String provider, String dedupeKey, String kind, String payloadJson,
                        byte[] keyHash) {

        List<String> key() {
            return List.of(orgId.toString(), provider, dedupeKey);
        }
    }

    /** A webhook waiting for its commit. */
    private static final class Pending {
        final StoreRequest request;
        final CompletableFuture<Boolean> answer = new CompletableFuture<>();

        Pending(StoreRequest request) {
            this.request = request;
        }
    }

    /** The database refused a value of this one event: the provider must not send it again (422). */
    static final class UnstorableEventException extends RuntimeException {
        UnstorableEventException(DataAccessException cause) {
            super(cause.getMostSpecificCause().getMessage(), cause);
        }
    }
}
