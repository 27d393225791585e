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
    private final BillingAccounts accounts;
    private final PastDueMail mail;
    private final ProblemWriter problems;
    private final BillingProperties properties;
    private final StripeWebhookServlet.Name servlet;

    BillingRoutes(BillingWebhook webhook, BillingLedger ledger, BillingEvents events, BillingAccounts accounts,
                  PastDueMail mail, ProblemWriter problems, BillingProperties properties,
                  StripeWebhookServlet.Name servlet) {
        this.webhook = webhook;
        this.ledger = ledger;
        this.events = events;
        this.accounts = accounts;
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

        // One mail per past-due episode to the organization's alert address; a failed send is tried at the next poll.
        from("direct:billing-past-due-mail")
                .routeId("billing-past-due-mail")
                .process(e -> e.getMessage().setBody(accounts.claimUntoldPastDue(properties.batchSize())))
                .split(body())
                    .doTry()
                        .to("direct:billing-past-due-mail-send")
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "Past-due mail not sent, tried again later: ${exception.message}")
                        .process(e -> accounts.mailFailed(e.getProperty(PastDueMail.ACCOUNT, BillingAccounts.Account.class).orgId()))
                    .end()
                .end();

        // The mail itself: composed, and sent when the organization has an alert address.
        from("direct:billing-past-due-mail-send")
                .routeId("billing-past-due-mail-send")
                .errorHandler(noErrorHandler())
                .process(mail::compose).id("billing-past-due-mail-compose")
                .filter(header("To").isNotNull())
                    .to("smtp://{{callintel.mail.host}}:{{callintel.mail.port}}?from={{callintel.mail.from}}")
                        .id("billing-past-due-mail-smtp")
                .end();

        // Events are kept as long as the retention says, then deleted: they name the agency's billing contact.
        from("scheduler:billing-event-purge?delay=" + properties.purgeInterval().toMillis())
                .routeId("billing-event-purge")
                .process(e -> events.purgeExpired())
                .id("billing-event-purge-delete");
    }
}
