package com.callintel.hub.billing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.callintel.hub.billing.BillingAccounts.Account;
import com.callintel.hub.notices.AdminNotices;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mail that tells an organization's admins that its payment failed: until when the hub serves it, and what
 * stops then. It names no amount or card: Stripe's own mails carry those. It leaves through the notices' outbox
 * (one delivery per admin, retried, recorded), queued in the transaction that marks the episode told.
 */
@Component
class PastDueMail {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final BillingAccounts accounts;
    private final AdminNotices notices;
    private final BillingStatus status;

    PastDueMail(BillingAccounts accounts, AdminNotices notices, BillingStatus status) {
        this.accounts = accounts;
        this.notices = notices;
        this.status = status;
    }

    /** Queues the mail of each organization newly past due, at most {@code limit}; answers how many. */
    @Transactional
    public int queueForNewlyPastDue(int limit) {
        var due = accounts.claimUntoldPastDue(limit);
        due.forEach(account -> notices.queue(account.orgId(), subject(account), body(account)));
        return due.size();
    }

    private String subject(Account account) {
        return "CallIntel: your payment failed, service continues until " + DAY.format(status.graceEnds(account));
    }

    private String body(Account account) {
        return """
                Stripe could not collect your organization's CallIntel subscription payment.

                The hub keeps serving you until %s. If the payment has not succeeded by then, calls are no
                longer written to your AMS and agents get no screen pops; webhooks are still accepted, and their data
                is purged on the usual schedule.

                Update your payment method through the billing link in Stripe's mail, or ask support. The Settings
                page (Billing) shows the current state.
                """.formatted(DAY.format(status.graceEnds(account)));
    }
}
