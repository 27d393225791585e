package com.callintel.hub.billing;

import java.util.List;
import java.util.UUID;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.billing.BillingAccounts.Account;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.problem.ApiProblems;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The organization's billing for its admins (the Settings page's Billing section and banner); the request is
 * audited by the API's audit filter, like every admin call.
 */
@Component
class BillingApiRoutes extends RouteBuilder {

    static final int HISTORY = 50;

    private final CurrentUser users;
    private final BillingAccounts accounts;
    private final BillingStatus status;
    private final JsonReplies replies;

    BillingApiRoutes(CurrentUser users, BillingAccounts accounts, BillingStatus status, JsonReplies replies) {
        this.users = users;
        this.accounts = accounts;
        this.status = status;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/admin")
                .get("/billing").id("api-admin-billing").outType(BillingView.class)
                .to("direct:billing-state");

        // The organization's billing state, whether it is served, and its history.
        from("direct:billing-state").routeId("billing-state").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, view(users.admin(e).orgId())));
    }

    BillingView view(UUID orgId) {
        List<BillingView.Change> history = accounts.history(orgId, HISTORY).stream()
                .map(c -> new BillingView.Change(c.from() == null ? null : c.from().value(), c.to().value(),
                        c.effectiveAt(), c.eventType()))
                .toList();
        return accounts.ofOrganization(orgId).filter(a -> a.state() != null)
                .map(account -> new BillingView(account.state().value(), status.serves(account), account.stateAt(),
                        account.state() == BillingState.PAST_DUE ? status.graceEnds(account) : null, notice(account),
                        history))
                .orElse(new BillingView("none", true, null, null, null, history));
    }

    private String notice(Account account) {
        if (account.state() == BillingState.PAST_DUE && status.serves(account)) {
            return "Your last payment failed. The hub keeps serving you until " + status.graceEnds(account)
                    + " (UTC); after that calls are no longer written to your AMS and screen pops stop. Update your "
                    + "payment method in Stripe to keep the service.";
        }
        if (!status.serves(account)) {
            return "Your subscription is " + (account.state() == BillingState.CANCELED ? "canceled" : "unpaid past its grace period")
                    + ": calls are no longer written to your AMS and agents get no screen pops. Your phone providers' "
                    + "webhooks are still accepted, and their data is purged on the usual schedule. Subscribe again to "
                    + "resume the service.";
        }
        return null;
    }
}
