package com.callintel.hub.processing;

import com.callintel.hub.ams.AmsSyncQueue;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import com.callintel.hub.store.RelaxedCommit;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Last step of processing: the connector's draft becomes canonical events, which are merged into the call and
 * SMS tables in the same transaction that marks the queued event done and asks for the AMS note (an outbox), so
 * an event is applied exactly once and no note is forgotten. The commit does not wait for the disk: the AMS sync
 * claims its job with a commit that does (flushing this one first), so no note is written from a job a crash
 * could still lose; a lost commit only means the stored event is processed again.
 */
@Component
public class EventRecorder {

    private final CanonicalEvents canonical;
    private final CallLedger ledger;
    private final WorkQueue queue;
    private final TenantRepository tenants;
    private final TransactionTemplate transaction;
    private final AmsSyncQueue amsSync;
    private final JdbcClient jdbc;

    EventRecorder(CanonicalEvents canonical, CallLedger ledger, WorkQueue queue, TenantRepository tenants,
                  TransactionTemplate transaction, AmsSyncQueue amsSync, JdbcClient jdbc) {
        this.amsSync = amsSync;
        this.jdbc = jdbc;
        this.canonical = canonical;
        this.ledger = ledger;
        this.queue = queue;
        this.tenants = tenants;
        this.transaction = transaction;
    }

    public NormalizedEvents record(QueuedEvent event, JsonNode draft) {
        Organization org = tenants.findOrganization(event.orgId())
                .orElseThrow(() -> new NormalizationException("organization " + event.orgId() + " no longer exists"));
        NormalizedEvents normalized = canonical.fromDraft(draft, org, event.provider());
        transaction.executeWithoutResult(status -> {
            // redone from the stored webhook if a crash loses it: the ledger is a join, the outbox row unique
            RelaxedCommit.forThisTransaction(jdbc);
            for (CallEvent call : normalized.calls()) {
                ledger.record(call);
                amsSync.callChanged(call.orgId(), call.provider(), call.providerCallId());
            }
            for (SmsEvent sms : normalized.messages()) {
                ledger.record(sms);
                amsSync.smsRecorded(sms.orgId(), sms.provider(), sms.providerMessageId());
            }
            if (normalized.ignored()) {
                queue.ignored(event, normalized.ignoredReason());
            } else {
                queue.processed(event);
            }
        });
        return normalized;
    }
}
