package com.callintel.hub.billing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The billing_account and billing_state_change tables: each organization's Stripe customer, state and history. */
@Repository
class BillingAccounts {

    /** An organization's billing as stored; {@code state} is null until an event said one. */
    record Account(UUID orgId, String customerId, String subscriptionId, BillingState state, Instant stateAt,
                   Instant pastDueSince) {
    }

    /** One change of state. */
    record Change(BillingState from, BillingState to, Instant effectiveAt, String eventType, Instant recordedAt) {
    }

    private static final String COLUMNS = "org_id, customer_id, subscription_id, state, state_at, past_due_since";

    private final JdbcClient jdbc;

    BillingAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> ofOrganization(UUID orgId) {
        return jdbc.sql("select " + COLUMNS + " from billing_account where org_id = :org")
                .param("org", orgId).query((rs, n) -> account(rs)).optional();
    }

    /** The account of a Stripe customer, locked for the processing transaction. */
    Optional<Account> ofCustomer(String customerId) {
        return jdbc.sql("select " + COLUMNS + " from billing_account where customer_id = :customer for update")
                .param("customer", customerId).query((rs, n) -> account(rs)).optional();
    }

    /** The organization paid through this customer: a new checkout replaces its customer and subscription. */
    void link(UUID orgId, String customerId, String subscriptionId) {
        jdbc.sql("""
                insert into billing_account (org_id, customer_id, subscription_id) values (:org, :customer, :subscription)
                on conflict (org_id) do update set customer_id = excluded.customer_id,
                    subscription_id = coalesce(excluded.subscription_id, billing_account.subscription_id), updated_at = now()
                """)
                .param("org", orgId).param("customer", customerId).param("subscription", subscriptionId).update();
    }

    /** A newer snapshot said the same state (and subscription): later-dated events now win over it only. */
    void confirm(UUID orgId, Instant at, String subscriptionId) {
        jdbc.sql("""
                update billing_account set state_at = :at, subscription_id = coalesce(:subscription, subscription_id),
                    updated_at = now()
                where org_id = :org
                """)
                .param("at", Timestamp.from(at)).param("subscription", subscriptionId).param("org", orgId).update();
    }

    /** The state changes, with its history row; entering past_due starts the grace period and its mail. */
    void change(Account account, BillingState to, Instant at, String subscriptionId, String eventId, String eventType) {
        jdbc.sql("""
                update billing_account set state = :state, state_at = :at,
                    subscription_id = coalesce(:subscription, subscription_id),
                    past_due_since = case when :state = 'past_due' then cast(:at as timestamptz) end,
                    past_due_mailed_at = null, updated_at = now()
                where org_id = :org
                """)
                .param("state", to.value()).param("at", Timestamp.from(at)).param("subscription", subscriptionId)
                .param("org", account.orgId()).update();
        jdbc.sql("""
                insert into billing_state_change (org_id, from_state, to_state, effective_at, event_id, event_type)
                values (:org, :from, :to, :at, :event, :type)
                """)
                .param("org", account.orgId()).param("from", account.state() == null ? null : account.state().value())
                .param("to", to.value()).param("at", Timestamp.from(at)).param("event", eventId).param("type", eventType)
                .update();
    }

    List<Change> history(UUID orgId, int limit) {
        return jdbc.sql("""
                select from_state, to_state, effective_at, event_type, recorded_at from billing_state_change
                where org_id = :org order by effective_at desc, id desc limit :limit
                """)
                .param("org", orgId).param("limit", limit)
                .query((rs, n) -> new Change(BillingState.of(rs.getString(1)), BillingState.of(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Canceled organizations, and those past due since before {@code graceStart}. */
    Set<UUID> unserved(Instant graceStart) {
        return new HashSet<>(jdbc.sql("""
                select org_id from billing_account
                where state = 'canceled' or (state = 'past_due' and past_due_since <= :graceStart)
                """)
                .param("graceStart", Timestamp.from(graceStart)).query(UUID.class).list());
    }

    /**
     * Takes the past-due organizations whose admins were not told yet, marked told: in the caller's transaction,
     * which queues their mail (so one node tells them, and a rollback leaves them untold).
     */
    List<Account> claimUntoldPastDue(int limit) {
        return jdbc.sql("""
                update billing_account a set past_due_mailed_at = now()
                from (select org_id from billing_account where state = 'past_due' and past_due_mailed_at is null
                      limit :limit for update skip locked) due
                where a.org_id = due.org_id
                returning a.org_id, a.customer_id, a.subscription_id, a.state, a.state_at, a.past_due_since
                """)
                .param("limit", limit).query((rs, n) -> account(rs)).list();
    }

    private static Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp stateAt = rs.getTimestamp("state_at");
        Timestamp pastDueSince = rs.getTimestamp("past_due_since");
        return new Account(rs.getObject("org_id", UUID.class), rs.getString("customer_id"),
                rs.getString("subscription_id"), BillingState.of(rs.getString("state")),
                stateAt == null ? null : stateAt.toInstant(), pastDueSince == null ? null : pastDueSince.toInstant());
    }
}
