package com.callintel.hub.processing;

import java.util.ArrayList;
import java.util.List;

import com.callintel.hub.calls.CallLedger;
import com.callintel.hub.store.RelaxedCommit;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Last steps of processing: each connector's draft becomes canonical events, then a whole claimed batch is merged
 * into the call and SMS tables in one transaction that also asks for the AMS notes (an outbox) and marks the
 * events done, so an event is applied exactly once and no note is forgotten. The commit does not wait for the
 * disk: the AMS sync claims its job with a commit that does (flushing this one first), so no note is written from
 * a job a crash could still lose; a lost commit only means the stored events are processed again.
 */
@Component
public class EventRecorder {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final CanonicalEvents canonical;
    private final CallLedger ledger;
    private final WorkQueue queue;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    EventRecorder(CanonicalEvents canonical, CallLedger ledger, WorkQueue queue, TransactionTemplate transaction,
                  JdbcClient jdbc) {
        this.canonical = canonical;
        this.ledger = ledger;
        this.queue = queue;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** The canonical calls and SMS of one claimed event, from its connector's draft (in memory, no database). */
    public RecordedEvent normalize(QueuedEvent event, JsonNode draft) {
        if (event.organization() == null) {
            throw new NormalizationException("organization " + event.orgId() + " no longer exists");
        }
        return new RecordedEvent(event, canonical.fromDraft(draft, event.organization(), event.provider()));
    }

    /**
     * Records a batch in one transaction. When the store refuses it, the events are recorded one by one, so an
     * event the store cannot take (a poison event) goes back to the queue for a retry alone and its batch-mates
     * are recorded. Returns the events recorded.
     */
    public ProcessedBatch record(List<RecordedEvent> batch) {
        if (batch.isEmpty()) {
            return new ProcessedBatch(List.of());
        }
        try {
            write(batch);
            return new ProcessedBatch(batch);
        } catch (DataAccessException refused) {
            if (batch.size() == 1) {
                queue.retryLater(batch.get(0).event(), describe(refused));
                return new ProcessedBatch(List.of());
            }
            log.warn("A batch of {} events was not recorded ({}); recording them one by one", batch.size(),
                    refused.getMostSpecificCause().getMessage());
            List<RecordedEvent> recorded = new ArrayList<>();
            for (RecordedEvent one : batch) {
                recorded.addAll(record(List.of(one)).events());
            }
            return new ProcessedBatch(recorded);
        }
    }

    private void write(List<RecordedEvent> batch) {
        transaction.executeWithoutResult(status -> {
            // redone from the stored webhooks if a crash loses it: the ledger is a join, the outbox rows unique
            RelaxedCommit.forThisTransaction(jdbc);
            ledger.recordCalls(batch.stream().flatMap(r -> r.normalized().calls().stream()).toList());
            ledger.recordMessages(batch.stream().flatMap(r -> r.normalized().messages().stream()).toList());
            queue.finished(batch);
        });
    }

    private static String describe(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
