package com.callintel.hub.transcripts;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The transcript fetch flow: a poll leases the due fetches and runs them in parallel (at most
 * {@code callintel.transcripts.workers} at once), apart from processing and the AMS sync, so a slow provider
 * holds up neither the calls nor their base notes.
 */
@Component
class TranscriptFetchRoutes extends RouteBuilder {

    private final TranscriptFetchWorker worker;
    private final TranscriptProperties properties;

    TranscriptFetchRoutes(TranscriptFetchWorker worker, TranscriptProperties properties) {
        this.worker = worker;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("scheduler:transcript-fetch-poll?delay=" + properties.pollInterval().toMillis() + "&greedy=true")
                .routeId("transcript-fetch-poll")
                .bean(worker, "claim")
                // greedy (the next poll at once) only after a full batch: a shorter one took everything due
                .process(e -> e.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES,
                        e.getIn().getBody(List.class).size() >= properties.workers()))
                .filter(simple("${body.size} > 0"))
                .split(body()).parallelProcessing()
                    .executorService(getContext().getExecutorServiceManager()
                            .newFixedThreadPool(this, "transcript-fetch", properties.workers()))
                    .process(e -> worker.run(e.getIn().getBody(TranscriptFetches.Job.class))).id("transcript-fetch-run")
                .end();
    }
}
