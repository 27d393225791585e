package com.callintel.hub.billing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.callintel.hub.billing.BillingAccounts.Account;
import com.callintel.hub.tenancy.TenantRepository;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The mail that tells an organization's admins (its alert address) that its payment failed: until when the hub
 * serves it, and what stops then. It names no amount or card: Stripe's own mails carry those.
 */
@Component
class PastDueMail {

    static final String ACCOUNT = "CallIntelBillingAccount";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final TenantRepository tenants;
    private final BillingStatus status;

    PastDueMail(TenantRepository tenants, BillingStatus status) {
        this.tenants = tenants;
        this.status = status;
    }

    /** Fills the mail; leaves the exchange without a recipient when the organization has no alert address. */
    void compose(Exchange exchange) {
        Account account = exchange.getMessage().getBody(Account.class);
        exchange.setProperty(ACCOUNT, account);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        tenants.alertEmail(account.orgId()).ifPresent(to -> message.setHeader("To", to));
        message.setHeader("Subject", "CallIntel: your payment failed, service continues until "
                + DAY.format(status.graceEnds(account)));
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        message.setBody("""
                Stripe could not collect your organization's CallIntel subscription payment.

                The hub keeps serving you until %s. If the payment has not succeeded by then, calls are no
                longer written to your AMS and agents get no screen pops; webhooks are still accepted, and their data
                is purged on the usual schedule.

                Update your payment method through the billing link in Stripe's mail, or ask support. The Settings
                page (Billing) shows the current state.
                """.formatted(DAY.format(status.graceEnds(account))));
    }
}
