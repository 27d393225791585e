package com.callintel.hub.intake;

import com.callintel.hub.intake.GroupCommit.StoreRequest;
import com.callintel.hub.tenancy.ProviderAccount;
import org.springframework.stereotype.Repository;

/** Writes accepted webhooks into the durable queue; a committed row is what makes the 2xx true. */
@Repository
class InboundEventStore {

    private final GroupCommit commits;
    private final ReplayGuard replayGuard;

    InboundEventStore(GroupCommit commits, ReplayGuard replayGuard) {
        this.commits = commits;
        this.replayGuard = replayGuard;
    }

    /**
     * Stores the event once; returns false when the same delivery was stored before (a provider retry), or was
     * stored and purged before (a replay after the hard maximum). Through the ack path's group commit, within the
     * store timeout: a slow store is a 503 problem, not a hang.
     */
    boolean store(ProviderAccount account, String dedupeKey, String eventKind, String payloadJson) {
        return commits.store(new StoreRequest(account.orgId(), account.id(), account.provider(), dedupeKey, eventKind,
                payloadJson, replayGuard.hash(dedupeKey)));
    }
}
