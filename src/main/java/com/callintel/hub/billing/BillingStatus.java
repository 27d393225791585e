package com.callintel.hub.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.callintel.hub.billing.BillingAccounts.Account;
import com.callintel.hub.tenancy.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * Whether the hub serves an organization, from its billing: trialing and active are served; past due is served
 * until the grace period ({@code callintel.billing.grace-period}) from Stripe's time of the failure has run out,
 * then treated as canceled; canceled is not served. An organization without a billing record (one that never
 * paid through Stripe, such as the sandbox's demo agency) is served.
 */
@Component
class BillingStatus implements ServiceStatus {

    private final BillingAccounts accounts;
    private final BillingProperties properties;
    private final Clock clock;

    BillingStatus(BillingAccounts accounts, BillingProperties properties, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean serves(UUID orgId) {
        return accounts.ofOrganization(orgId).map(this::serves).orElse(true);
    }

    @Override
    public Set<UUID> unserved() {
        return accounts.unserved(clock.instant().minus(properties.gracePeriod()));
    }

    boolean serves(Account account) {
        if (account.state() == BillingState.CANCELED) {
            return false;
        }
        return account.state() != BillingState.PAST_DUE || clock.instant().isBefore(graceEnds(account));
    }

    Instant graceEnds(Account account) {
        return account.pastDueSince().plus(properties.gracePeriod());
    }
}
