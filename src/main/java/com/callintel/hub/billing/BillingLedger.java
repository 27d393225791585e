package com.callintel.hub.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.billing.BillingAccounts.Account;
import com.callintel.hub.billing.BillingEvents.Outcome;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns stored Stripe events into organizations' billing states, one event a transaction. Stripe may deliver
 * events late and out of order, so each carries the time of its object's snapshot (the event's {@code created}; a
 * checkout session's own {@code created}, which is before its subscription's): an event older than the state's
 * snapshot is stale and changes nothing. An event of a customer no checkout has named yet waits for it.
 */
@Component
class BillingLedger {

    private static final Logger log = LoggerFactory.getLogger(BillingLedger.class);

    private final BillingEvents events;
    private final BillingAccounts accounts;
    private final TenantRepository tenants;
    private final ObjectMapper mapper;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BillingLedger(BillingEvents events, BillingAccounts accounts, TenantRepository tenants, ObjectMapper mapper,
                  TransactionTemplate transaction, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.tenants = tenants;
        this.mapper = mapper;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Processes pending events until none is left or {@code limit} were; returns how many were. */
    int processPending(int limit) {
        int done = 0;
        while (done < limit && Boolean.TRUE.equals(transaction.execute(status -> processNext()))) {
            done++;
        }
        return done;
    }

    private boolean processNext() {
        Optional<BillingEvents.Stored> stored = events.claimNext();
        stored.ifPresent(event -> {
            Outcome outcome;
            try {
                outcome = apply(StripeEvent.read(mapper, event.payload()));
            } catch (DataAccessException retryLater) {
                throw retryLater;
            } catch (RuntimeException unprocessable) {
                // an event of a shape billing cannot read must not hold up the events behind it
                log.error("Stripe event {} cannot be processed; set aside", event.id(), unprocessable);
                outcome = Outcome.ignored("unprocessable");
            }
            events.settle(event.id(), outcome, clock.instant());
            log.info("Stripe event {} {}: {}", event.id(), outcome.status(), outcome.outcome());
        });
        return stored.isPresent();
    }

    Outcome apply(StripeEvent event) {
        return switch (event.type()) {
            case "checkout.session.completed" -> checkoutCompleted(event);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                    subscriptionChanged(event);
            case "invoice.paid", "invoice.payment_failed" -> invoiceSettled(event);
            default -> Outcome.ignored("not-handled");
        };
    }

    /**
     * The checkout names the organization ({@code client_reference_id}, the hub's organization id) of a customer:
     * the link every later event is mapped by. Its events that came first are processed again now.
     */
    private Outcome checkoutCompleted(StripeEvent event) {
        JsonNode session = event.object();
        if (!"subscription".equals(session.path("mode").asText())) {
            return Outcome.ignored("not-a-subscription");
        }
        UUID orgId = organizationId(session.path("client_reference_id").asText(null));
        if (orgId == null || tenants.findOrganization(orgId).isEmpty()) {
            return Outcome.ignored("unknown-organization");
        }
        String customer = event.customer();
        if (customer == null) {
            return Outcome.ignored("no-customer");
        }
        Optional<Account> owner = accounts.ofCustomer(customer);
        if (owner.isPresent() && !owner.get().orgId().equals(orgId)) {
            return Outcome.ignored("customer-of-another-organization");
        }
        accounts.link(orgId, customer, id(session.path("subscription")));
        events.wake(customer);
        Account account = accounts.ofCustomer(customer).orElseThrow();
        if (account.state() != null) {
            return Outcome.processed("linked", orgId);
        }
        Instant at = session.path("created").canConvertToLong()
                ? Instant.ofEpochSecond(session.path("created").asLong()) : event.created();
        return transition(account, BillingState.ACTIVE, at, null, event);
    }

    private Outcome subscriptionChanged(StripeEvent event) {
        Optional<Account> account = event.customer() == null ? Optional.empty() : accounts.ofCustomer(event.customer());
        if (account.isEmpty()) {
            return Outcome.waiting();
        }
        JsonNode subscription = event.object();
        BillingState to = event.type().endsWith(".deleted") ? BillingState.CANCELED
                : BillingState.ofSubscriptionStatus(subscription.path("status").asText(null));
        if (to == null) {
            return Outcome.processed("status-" + subscription.path("status").asText("missing"), account.get().orgId());
        }
        String subscriptionId = subscription.path("id").asText(null);
        if (to == BillingState.CANCELED && otherSubscription(account.get(), subscriptionId)) {
            // an older subscription ending does not end the one the organization pays with now
            return Outcome.processed("other-subscription", account.get().orgId());
        }
        return transition(account.get(), to, event.created(), subscriptionId, event);
    }

    /** A paid invoice settles a past-due account; a failed one makes a paying account past due. */
    private Outcome invoiceSettled(StripeEvent event) {
        Optional<Account> account = event.customer() == null ? Optional.empty() : accounts.ofCustomer(event.customer());
        if (account.isEmpty()) {
            return Outcome.waiting();
        }
        JsonNode invoice = event.object();
        String subscriptionId = Optional.ofNullable(id(invoice.path("parent").path("subscription_details").path("subscription")))
                .orElse(id(invoice.path("subscription")));   // the subscription's place before API version 2025-03-31
        if (otherSubscription(account.get(), subscriptionId)) {
            return Outcome.processed("other-subscription", account.get().orgId());
        }
        if (stale(account.get(), BillingState.ACTIVE, event.created())) {
            return Outcome.processed("stale", account.get().orgId());
        }
        BillingState current = account.get().state();
        boolean paid = event.type().equals("invoice.paid");
        if (paid && (current == null || current == BillingState.PAST_DUE)) {
            return transition(account.get(), BillingState.ACTIVE, event.created(), null, event);
        }
        if (!paid && (current == null || current == BillingState.ACTIVE || current == BillingState.TRIALING)) {
            return transition(account.get(), BillingState.PAST_DUE, event.created(), null, event);
        }
        return Outcome.processed("unchanged", account.get().orgId());
    }

    private Outcome transition(Account account, BillingState to, Instant at, String subscriptionId, StripeEvent event) {
        if (stale(account, to, at)) {
            return Outcome.processed("stale", account.orgId());
        }
        if (to == account.state()) {
            accounts.confirm(account.orgId(), at, subscriptionId);
            return Outcome.processed("unchanged", account.orgId());
        }
        accounts.change(account, to, at, subscriptionId, event.id(), event.type());
        return Outcome.processed("applied", account.orgId());
    }

    /** Older than the state's snapshot; at the same second, nothing but another cancellation follows a cancellation. */
    static boolean stale(Account account, BillingState to, Instant at) {
        if (account.stateAt() == null) {
            return false;
        }
        return at.isBefore(account.stateAt())
                || (at.equals(account.stateAt()) && account.state() == BillingState.CANCELED && to != BillingState.CANCELED);
    }

    private static boolean otherSubscription(Account account, String subscriptionId) {
        return subscriptionId != null && account.subscriptionId() != null && !account.subscriptionId().equals(subscriptionId);
    }

    /** An id field: the id string, or the id of an expanded object. */
    private static String id(JsonNode field) {
        String id = field.isObject() ? field.path("id").asText(null) : field.isTextual() ? field.asText() : null;
        return id == null || id.isBlank() ? null : id;
    }

    private static UUID organizationId(String reference) {
        try {
            return reference == null ? null : UUID.fromString(reference);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
