package com.callintel.hub.intake;

import com.callintel.hub.tenancy.ProviderAccount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes accepted webhooks into the durable queue; a committed row is what makes the 2xx true. */
@Repository
class InboundEventStore {

    private final JdbcClient jdbc;

    InboundEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event once; returns false when the same delivery was stored before (a provider retry). */
    boolean store(ProviderAccount account, String dedupeKey, String eventKind, String payloadJson) {
        int inserted = jdbc.sql("""
                insert into inbound_event (org_id, provider_account_id, provider, dedupe_key, event_kind, payload)
                values (:org, :account, :provider, :dedupeKey, :kind, cast(:payload as jsonb))
                on conflict (org_id, provider, dedupe_key) do nothing
                """)
                .param("org", account.orgId())
                .param("account", account.id())
                .param("provider", account.provider())
                .param("dedupeKey", dedupeKey)
                .param("kind", eventKind)
                .param("payload", payloadJson)
                .update();
        return inserted == 1;
    }
}
