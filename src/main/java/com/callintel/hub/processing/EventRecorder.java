package com.callintel.hub.processing;

import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Last step of processing: the connector's draft becomes canonical events, which are merged into the call and
 * SMS tables in the same transaction that marks the queued event done, so an event is applied exactly once.
 */
@Component
public class EventRecorder {

    private final CanonicalEvents canonical;
    private final CallLedger ledger;
    private final WorkQueue queue;
    private final TenantRepository tenants;
    private final TransactionTemplate transaction;

    EventRecorder(CanonicalEvents canonical, CallLedger ledger, WorkQueue queue, TenantRepository tenants,
                  TransactionTemplate transaction) {
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
            normalized.calls().forEach(ledger::record);
            normalized.messages().forEach(ledger::record);
            if (normalized.ignored()) {
                queue.ignored(event, normalized.ignoredReason());
            } else {
                queue.processed(event);
            }
        });
        return normalized;
    }
}
