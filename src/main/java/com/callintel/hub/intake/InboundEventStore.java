package com.callintel.hub.intake;

import com.callintel.hub.store.DurableCommit;
import com.callintel.hub.tenancy.ProviderAccount;
import org.springframework.stereotype.Repository;

/** Writes accepted webhooks into the durable queue; a committed row is what makes the 2xx true. */
@Repository
class InboundEventStore {

    /*
     * One statement, so one round trip: its own transaction asks for a commit that waits for the disk (whatever
     * the database's default), and an event whose key the purge left a keyed hash of is not stored again.
     */
    private static final String STORE = """
            insert into inbound_event (org_id, provider_account_id, provider, dedupe_key, event_kind, payload)
            select :org, :account, :provider, :dedupeKey, :kind, cast(:payload as jsonb)
            from (%s) durable
            where not exists (select 1 from replay_guard g
                              where g.org_id = :org and g.provider = :provider and g.key_hash = :keyHash)
            on conflict (org_id, provider, dedupe_key) do nothing
            """.formatted(DurableCommit.SET_IN_STATEMENT);

    private final IntakeConnections connections;
    private final StoreBudget budget;
    private final ReplayGuard replayGuard;

    InboundEventStore(IntakeConnections connections, StoreBudget budget, ReplayGuard replayGuard) {
        this.connections = connections;
        this.budget = budget;
        this.replayGuard = replayGuard;
    }

    /**
     * Stores the event once; returns false when the same delivery was stored before (a provider retry), or was
     * stored and purged before (a replay after the hard maximum). On the ack path's own connections, within the
     * store budget: a slow store is a 503 problem, not a hang.
     */
    boolean store(ProviderAccount account, String dedupeKey, String eventKind, String payloadJson) {
        byte[] keyHash = replayGuard.hash(dedupeKey);
        return budget.call(() -> insert(account, dedupeKey, eventKind, payloadJson, keyHash));
    }

    private boolean insert(ProviderAccount account, String dedupeKey, String eventKind, String payloadJson, byte[] keyHash) {
        int inserted = connections.jdbc().sql(STORE)
                .param("org", account.orgId())
                .param("account", account.id())
                .param("provider", account.provider())
                .param("dedupeKey", dedupeKey)
                .param("kind", eventKind)
                .param("payload", payloadJson)
                .param("keyHash", keyHash)
                .update();
        return inserted == 1;
    }
}
