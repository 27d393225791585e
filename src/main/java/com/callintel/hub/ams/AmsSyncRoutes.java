package com.callintel.hub.ams;

import java.util.function.UnaryOperator;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * AMS sync: each due call or SMS is matched to an AMS client live (content enricher) and written as one note,
 * through the connector of the organization's AMS (content-based router on AMS type). Failures are retried
 * from the database with backoff, so they survive restarts. Each organization's syncs run within its bulkhead
 * ({@link AmsSyncWorkers}).
 */
@Component
class AmsSyncRoutes extends RouteBuilder {

    /** Like a wire-tap: each settled outcome is queued for analytics (routes/analytics-ams-outcome.yaml). */
    private static final String ANALYTICS_OUTCOME =
            "seda:analytics-ams-outcome?size={{callintel.analytics.queue-size}}&waitForTaskToComplete=Never&discardWhenFull=true";

    private final AmsSyncQueue queue;
    private final AmsSync sync;
    private final AmsSyncProperties properties;
    private final AmsAlerts alerts;
    private final AmsSyncWorkers workers;
    private final AmsConnectors connectors;

    AmsSyncRoutes(AmsSyncQueue queue, AmsSync sync, AmsSyncProperties properties, AmsAlerts alerts,
                  AmsSyncWorkers workers, AmsConnectors connectors) {
        this.connectors = connectors;
        this.workers = workers;
        this.queue = queue;
        this.sync = sync;
        this.properties = properties;
        this.alerts = alerts;
    }

    @Override
    public void configure() {
        // Fallback-free poll of due syncs; greedy while there is work.
        from("scheduler:ams-sync-poll?delay={{callintel.ams.poll-delay}}&greedy=true")
                .routeId("ams-sync-poll")
                .autoStartup("{{callintel.ams.enabled}}")
                .to("direct:ams-sync-claim");

        // Lease a batch of due syncs and hand each to a worker, within its organization's bulkhead; one claim at a
        // time on this node (the poll's, or a wake's when a sync ended at its organization's limit).
        from("direct:ams-sync-claim")
                .routeId("ams-sync-claim")
                .setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, constant(false))
                .filter(method(workers, "startClaim"))
                    .doTry()
                        .bean(workers, "claim").id("ams-sync-claim-lease")
                        // greedy only when the batch was full: a shorter one took everything the free threads
                        // could run, and a sync ending at its organization's limit wakes the next claim itself
                        .process(e -> e.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES,
                                e.getIn().getBody(java.util.List.class).size() >= properties.batchSize()))
                        // syncs of a batch are independent (each holds its own lease): they run side by side, and
                        // the claim never waits for a slow AMS, only until every sync of the batch has a thread
                        .split(body())
                            .bean(workers, "dispatch").id("ams-sync-claim-dispatch")
                        .end()
                        .bean(workers, "awaitStarted")
                    .endDoTry()
                    .doFinally()
                        .bean(workers, "endClaim")
                    .end()
                .end();

        // Look the caller up live unless the target is known, then write the note (or settle without one).
        from("direct:ams-sync")
                .routeId("ams-sync")
                // every failure of a sync, here or in the routes below (which pass errors up), is settled once here
                .onException(Exception.class).handled(true)
                    .onWhen(exchangeProperty(AmsSync.JOB).isNotNull())
                    .process(sync::failed)
                    // like a wire-tap: the alert goes out on its own thread and never holds up the sync
                    .to("seda:ams-alert?waitForTaskToComplete=Never")
                    // the failed or dead sync's outcome, for analytics; dropped (and reconciled later) if its queue is full
                    .to(ANALYTICS_OUTCOME)
                .end()
                .process(sync::prepare).id("ams-sync-prepare")
                .choice()
                    .when(exchange -> exchange.getProperty(AmsSync.JOB, SyncJob.class).targetId() == null)
                        .enrich("direct:ams-lookup", sync::matchResult).id("ams-sync-enrich")
                        .choice()
                            .when(method(sync, "matchCount").isEqualTo(0)).process(sync::unmatched).id("ams-sync-unmatched")
                            .when(PredicateBuilder.and(method(sync, "matchCount").isGreaterThan(1),
                                    method(sync, "asksWhenSeveralMatch")))
                                .process(sync::needsChoice).id("ams-sync-needs-choice")
                            .otherwise().process(sync::chooseOnlyMatch).to("direct:ams-note")
                        .end()
                    .endChoice()
                    .otherwise()
                        .to("direct:ams-note")
                .end()
                .to(ANALYTICS_OUTCOME).id("ams-sync-outcome-tap");

        // A dead-lettered sync is mailed to the organization's alert address; a mail failure never touches the sync.
        from("seda:ams-alert")
                .routeId("ams-alert")
                .errorHandler(deadLetterChannel("log:ams-alert?level=WARN&showException=true").disableRedelivery())
                .filter(exchangeProperty(AmsSync.DEAD_REASON).isNotNull())
                .process(alerts::compose).id("ams-alert-compose")
                .filter(header("To").isNotNull())
                    .to("smtp://{{callintel.mail.host}}:{{callintel.mail.port}}?from={{callintel.mail.from}}").id("ams-alert-send")
                .end();

        // The lookup: the connector answers with the candidate clients [{id, name}].
        from("direct:ams-lookup")
                .routeId("ams-lookup")
                .errorHandler(noErrorHandler())
                .process(request(r -> r.as(AmsOperation.LOOKUP)))
                .to("direct:ams-connector");

        // The confirmation of a record an agent named (AMSs without a phone search): [{id, name}] if it is the caller's.
        from("direct:ams-confirm")
                .routeId("ams-confirm")
                .errorHandler(noErrorHandler())
                .process(request(r -> r.as(AmsOperation.CONFIRM)))
                .to("direct:ams-connector");

        // The note: created once, then followed up when the call gains content (the request's operation says
        // which). A sync whose earlier write may have reached the AMS unrecorded reads the AMS back first; the
        // write itself is marked before it is sent.
        from("direct:ams-note")
                .routeId("ams-note")
                .errorHandler(noErrorHandler())
                .filter(method(sync, "mayHaveWritten"))
                    .enrich("direct:ams-read-back", sync::readBackResult).id("ams-note-read-back")
                .end()
                .choice()
                    .when(method(sync, "foundWritten"))
                        .process(sync::written).id("ams-note-found")
                    .otherwise()
                        .process(sync::writeStarting).id("ams-note-write-starting")
                        .to("direct:ams-connector")
                        .process(sync::written).id("ams-note-written")
                .end();

        // The read-back: the connector looks for the note carrying this write's ref (docs/operations.md).
        from("direct:ams-read-back")
                .routeId("ams-read-back")
                .errorHandler(noErrorHandler())
                .process(request(AmsRequest::asReadBack))
                .to("direct:ams-connector");

        // Content-based router on the organization's AMS type: the connector its installed file declares
        // (connectors/ams/), looked up in the AMS catalog by type, so a file added on a running hub is routed to.
        from("direct:ams-connector").routeId("ams-connector")
                .errorHandler(noErrorHandler())
                .process(connectors::dispatch).id("ams-connector-dispatch");
    }

    /** The {@link AmsRequest} in the body, changed for the next step (its operation). */
    private static Processor request(UnaryOperator<AmsRequest> change) {
        return exchange -> exchange.getIn().setBody(change.apply(exchange.getIn().getMandatoryBody(AmsRequest.class)));
    }
}
