package com.callintel.hub.processing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Processing: stored webhooks leave the queue, a content-based router hands each to its provider's normalizer
 * (the Kamelet in connectors/voip/&lt;provider&gt;.kamelet.yaml, see {@link Normalizers}), and the canonical result
 * is recorded.
 */
@Component
class ProcessingRoutes extends RouteBuilder {

    static final String QUEUED = "CallIntelQueuedEvent";
    static final String PROVIDER = "CallIntelProvider";
    /** The organization whose event is processed; connectors that call a provider API pass it to providerApiTokens. */
    static final String ORG = "CallIntelOrgId";

    private final WorkQueue queue;
    private final EventRecorder recorder;
    private final Normalizers normalizers;
    private final NormalizationFailures failures;
    private final ProcessingDrain drain;

    ProcessingRoutes(WorkQueue queue, EventRecorder recorder, Normalizers normalizers, NormalizationFailures failures,
                     ProcessingDrain drain) {
        this.drain = drain;
        this.queue = queue;
        this.recorder = recorder;
        this.normalizers = normalizers;
        this.failures = failures;
    }

    @Override
    public void configure() {
        // For every route here (and the connectors they call, which run without an error handler of their own):
        // an event its connector cannot normalize fails visibly; any other fault sends it back for a retry.
        // The admin sees a human reason (field, expected, got); the connector's raw error is logged here only.
        onException(NormalizationException.class, JsonQueryException.class).handled(true)
                .log(LoggingLevel.WARN, "Event ${exchangeProperty." + QUEUED + ".id} failed normalization: ${exception.message}")
                .process(e -> queue.failed(queued(e),
                        failures.reason(queued(e), e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))));
        onException(Exception.class).handled(true)
                .onWhen(exchangeProperty(QUEUED).isNotNull())
                .log(LoggingLevel.WARN, "Event ${exchangeProperty." + QUEUED + ".id} will be retried: ${exception.message}")
                .process(e -> queue.retryLater(queued(e), describe(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))));

        // Fallback poll; LISTEN/NOTIFY (QueueWaker) usually gets there first. Either drains the queue, one drain
        // at a time on this node (ProcessingDrain).
        from("scheduler:process-poll?delay={{callintel.processing.poll-delay}}")
                .routeId("process-poll")
                .autoStartup("{{callintel.processing.enabled}}")
                .bean(drain, "drain").id("process-poll-drain");

        // Claim a leased batch of stored events, normalize them one by one, then record them together.
        from("direct:process-claim")
                .routeId("process-claim")
                .bean(queue, "claim").id("process-claim-lease")
                // plain Java, not simple("${body.size}"): the simple language's bean cache hashes the whole body
                // (every event's payload) on each call
                .process(e -> e.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, !e.getIn().getBody(List.class).isEmpty()))
                .filter(exchangeProperty(Exchange.SCHEDULER_POLLED_MESSAGES))
                    .split(body(), new BatchCollector())
                        .to("direct:process-dispatch")
                    .end()
                    .removeProperty(QUEUED)
                    .to("direct:process-record")
                .end();

        // Content-based router on provider: each event to its connector file's normalizer (looked up in the catalog
        // by the event's provider, so files added or changed on a running hub are used at once); the connector's
        // draft then becomes canonical events (a RecordedEvent body), in memory.
        from("direct:process-dispatch")
                .routeId("process-dispatch")
                .setProperty(QUEUED, body())
                .process(ProcessingRoutes::unwrap).id("process-dispatch-unwrap")
                .process(normalizers::dispatch).id("process-dispatch-normalizer")
                .process(e -> e.getIn().setBody(recorder.normalize(queued(e), e.getIn().getBody(JsonNode.class))))
                    .id("process-dispatch-canonical");

        // Merge the batch's canonical events into the call and SMS records and mark its events done, in one
        // transaction; then hand the batch (a ProcessedBatch body) to analytics and to the screen pop. Wire-taps:
        // they run on their own threads and can neither hold up nor fail processing. A batch the store cannot
        // take at all (the database is gone) stays leased: its events return to the queue when the lease ends.
        from("direct:process-record")
                .routeId("process-record")
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "A batch was not recorded, its events are claimed again after their lease: ${exception.message}")
                .end()
                .process(e -> e.getIn().setBody(recorder.record(e.getIn().getBody(List.class))))
                    .id("process-record-ledger")
                .filter(exchange -> !exchange.getIn().getBody(ProcessedBatch.class).events().isEmpty())
                    .wireTap("direct:analytics-events").id("process-record-analytics-tap")
                    .wireTap("direct:screen-pop-events").id("process-record-screen-pop-tap")
                .end();
    }

    /** The queued event's provider and organization as headers, its payload as the body the normalizer reads. */
    private static void unwrap(Exchange exchange) {
        QueuedEvent event = exchange.getIn().getBody(QueuedEvent.class);
        exchange.getIn().setHeader(PROVIDER, event.provider());
        exchange.getIn().setHeader(ORG, event.orgId());
        exchange.getIn().setBody(event.payload());
    }

    private static QueuedEvent queued(Exchange exchange) {
        return exchange.getProperty(QUEUED, QueuedEvent.class);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
