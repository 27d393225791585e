package com.callintel.hub.billing;

/** An organization's billing state, as its Stripe subscription makes it. */
enum BillingState {
    TRIALING, ACTIVE, PAST_DUE, CANCELED;

    /** The column's and the API's spelling: Stripe's own ({@code past_due}). */
    String value() {
        return name().toLowerCase();
    }

    static BillingState of(String value) {
        return value == null ? null : valueOf(value.toUpperCase());
    }

    /**
     * A Stripe subscription status as a billing state: {@code unpaid} is past due (its grace runs on), a
     * subscription that ended, expired unpaid or paused is canceled; {@code incomplete} (first payment pending)
     * changes nothing.
     */
    static BillingState ofSubscriptionStatus(String status) {
        return switch (status == null ? "" : status) {
            case "trialing" -> TRIALING;
            case "active" -> ACTIVE;
            case "past_due", "unpaid" -> PAST_DUE;
            case "canceled", "incomplete_expired", "paused" -> CANCELED;
            default -> null;
        };
    }
}
