package com.callintel.hub.billing;

import java.time.Instant;
import java.util.List;

/**
 * An organization's billing as its admins see it on the Settings page: the state ({@code none} when it was never
 * billed through Stripe), whether the hub serves it now, until when (past due), the notice to show, and the history.
 */
record BillingView(String state, boolean served, Instant stateSince, Instant graceEndsAt, String notice,
                   List<Change> history) {

    /** One change of state, newest first. */
    record Change(String from, String to, Instant at, String event) {
    }
}
