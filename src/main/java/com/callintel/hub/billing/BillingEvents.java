package com.callintel.hub.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.store.DurableCommit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The billing_event table: Stripe's events stored before the 2xx, deduplicated by event id, then processed. */
@Repository
class BillingEvents {

    /** A stored event taken for processing. */
    record Stored(String id, String payload) {
    }

    private final JdbcClient jdbc;
    private final BillingProperties properties;
    private final Clock clock;

    BillingEvents(JdbcClient jdbc, BillingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the event once, committed to disk before this returns (Stripe forgets an event once it has its 2xx);
     * false when the event was stored before (Stripe delivers an event more than once).
     */
    boolean store(StripeEvent event, String payload) {
        return jdbc.sql("""
                insert into billing_event (event_id, event_type, created_at, payload, customer_id)
                select :id, :type, :created, :payload, :customer from (%s) durable
                on conflict (event_id) do nothing
                """.formatted(DurableCommit.SET_IN_STATEMENT))
                .param("id", event.id()).param("type", event.type()).param("created", Timestamp.from(event.created()))
                .param("payload", payload).param("customer", event.customer())
                .update() == 1;
    }

    /** The oldest pending event, locked for the caller's transaction (another node takes the next one). */
    Optional<Stored> claimNext() {
        return jdbc.sql("""
                select event_id, payload from billing_event where status = 'pending'
                order by created_at, received_at limit 1 for update skip locked
                """)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2))).optional();
    }

    void settle(String eventId, Outcome outcome, Instant now) {
        jdbc.sql("""
                update billing_event set status = :status, outcome = :outcome, org_id = :org, processed_at = :now
                where event_id = :id
                """)
                .param("status", outcome.status()).param("outcome", outcome.outcome()).param("org", outcome.orgId())
                .param("now", Timestamp.from(now)).param("id", eventId).update();
    }

    /** The customer's organization is known now: its waiting events are processed again. */
    void wake(String customerId) {
        jdbc.sql("update billing_event set status = 'pending' where status = 'waiting' and customer_id = :customer")
                .param("customer", customerId).update();
    }

    /**
     * Deletes the events done with (or waiting in vain) longer than {@code callintel.billing.event-retention}: their
     * payloads name the agency's billing contact. Stripe retries an event for three days, so the id is remembered
     * long enough to answer a late retry as a duplicate.
     */
    int purgeExpired() {
        return jdbc.sql("delete from billing_event where status in ('processed', 'ignored', 'waiting') and processed_at < :cutoff")
                .param("cutoff", Timestamp.from(clock.instant().minus(properties.eventRetention()))).update();
    }

    /** What processing made of an event: its status, the outcome word and the organization it concerned. */
    record Outcome(String status, String outcome, UUID orgId) {

        static Outcome processed(String outcome, UUID orgId) {
            return new Outcome("processed", outcome, orgId);
        }

        static Outcome ignored(String why) {
            return new Outcome("ignored", why, null);
        }

        static Outcome waiting() {
            return new Outcome("waiting", "unknown-customer", null);
        }
    }
}
