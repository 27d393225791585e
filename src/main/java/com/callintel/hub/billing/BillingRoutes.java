package com.callintel.hub.billing;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.problem.ProblemWriter;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Billing from Stripe: the webhook (verify, store, acknowledge), the processing of stored events into billing
 * states, the admins' past-due mail, and the purge of old events.
 */
@Component
class BillingRoutes extends RouteBuilder {

    private final BillingWebhook webhook;
    private final BillingLedger ledger;
    private final BillingEvents events;
    private final PastDueMail mail;
    private final ProblemWriter problems;
    private final BillingProperties properties;
    private final StripeWebhookServlet.Name servlet;

    BillingRoutes(BillingWebhook webhook, BillingLedger ledger, BillingEvents events, PastDueMail mail,
                  ProblemWriter problems, BillingProperties properties, StripeWebhookServlet.Name servlet) {
        this.webhook = webhook;
        this.ledger = ledger;
        this.events = events;
        this.mail = mail;
        this.problems = problems;
        this.properties = properties;
        this.servlet = servlet;
    }

    @Override
    public void configure() {
        // Verify, store, then acknowledge - nothing else on the ack path. A refused webhook gets its 4xx problem
        // and is stored nowhere; when the hub cannot store, Stripe must retry later: 503, never a 500.
        from("servlet:/?servletName=" + servlet.value() + "&matchOnUriPrefix=true&httpMethodRestrict=POST")
                .routeId("billing-webhook")
                .onException(ProblemException.class).handled(true).process(problems::writeCaught).end()
                .onException(RuntimeException.class).handled(true)
                    .log(LoggingLevel.ERROR, "Stripe webhook not stored, answering 503: ${exception.message}")
                    .process(e -> problems.write(e, Problem.of(503, "store-unavailable", "Temporarily unable to accept webhooks",
                            "The hub could not store the event; Stripe will retry it.").retryAfter(properties.retryAfterSeconds())))
                .end()
                .process(webhook::receive).id("billing-webhook-receive");

        // Stored events become billing states, oldest first, one transaction each (safe with several hub nodes);
        // then the admins of organizations newly past due are told.
        from("scheduler:billing-process?delay=" + properties.pollDelay())
                .routeId("billing-process")
                .process(e -> ledger.processPending(properties.batchSize())).id("billing-process-events")
                .to("direct:billing-past-due-mail");

        // One mail per past-due episode to the organization's admins, queued in the notices' outbox as the
        // episode is marked told (the outbox sends, retries and records each delivery).
        from("direct:billing-past-due-mail")
                .routeId("billing-past-due-mail")
                .process(e -> mail.queueForNewlyPastDue(properties.batchSize())).id("billing-past-due-mail-queue");

        // Events are kept as long as the retention says, then deleted: they name the agency's billing contact.
        from("scheduler:billing-event-purge?delay=" + properties.purgeInterval().toMillis())
                .routeId("billing-event-purge")
                .process(e -> events.purgeExpired())
                .id("billing-event-purge-delete");
    }
}
