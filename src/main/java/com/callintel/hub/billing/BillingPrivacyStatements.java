package com.callintel.hub.billing;

/**
 * Billing's statements of the privacy promise, run by privacy's export: the text is the tables' owner's. Billing is
 * account data (kept until the organization is deleted); Stripe's raw events are kept only until
 * {@code callintel.billing.event-retention} after processing.
 */
public final class BillingPrivacyStatements {

    /** The organization's Stripe customer and subscription, and its billing state. */
    public static final String EXPORT_ACCOUNT = """
            select customer_id, subscription_id, state, state_at, past_due_since, past_due_mailed_at, updated_at
            from billing_account where org_id = :org""";

    /** Every change of its billing state, with the Stripe event that made it. */
    public static final String EXPORT_STATE_CHANGES = """
            select from_state, to_state, effective_at, event_id, event_type, recorded_at
            from billing_state_change where org_id = :org order by id""";

    /** Stripe's events about it still kept, as Stripe sent them. */
    public static final String EXPORT_EVENTS = """
            select event_id, event_type, created_at, payload, received_at, status, outcome, processed_at
            from billing_event where org_id = :org order by received_at, event_id""";

    private BillingPrivacyStatements() {
    }
}
