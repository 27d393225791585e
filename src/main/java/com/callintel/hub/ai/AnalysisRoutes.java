package com.callintel.hub.ai;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The analysis flow: a poll leases the due analyses and runs them in parallel (each its own Anthropic request,
 * at most {@code callintel.ai.workers} at once), apart from the AMS sync, so the base note never waits for AI;
 * and the admins' alert mails, each on its own thread.
 */
@Component
class AnalysisRoutes extends RouteBuilder {

    private final AnalysisWorker worker;
    private final AiAlerts alerts;
    private final AiProperties properties;

    AnalysisRoutes(AnalysisWorker worker, AiAlerts alerts, AiProperties properties) {
        this.worker = worker;
        this.alerts = alerts;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("scheduler:ai-analysis-poll?delay=" + properties.pollInterval().toMillis() + "&greedy=true")
                .routeId("ai-analysis-poll")
                .bean(worker, "claim")
                // greedy (the next poll at once) only after a full batch: a shorter one took everything due
                .process(e -> e.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES,
                        e.getIn().getBody(List.class).size() >= properties.workers()))
                .filter(simple("${body.size} > 0"))
                .split(body()).parallelProcessing()
                    .executorService(getContext().getExecutorServiceManager()
                            .newFixedThreadPool(this, "ai-analysis", properties.workers()))
                    .process(e -> worker.run(e.getIn().getBody(CallAnalyses.Job.class))).id("ai-analysis-run")
                .end();

        from("seda:ai-alert")
                .routeId("ai-alert")
                .errorHandler(deadLetterChannel("log:ai-alert?level=WARN&showException=true").disableRedelivery())
                .process(alerts::compose).id("ai-alert-compose")
                .filter(header("To").isNotNull())
                    .to("smtp://{{callintel.mail.host}}:{{callintel.mail.port}}?from={{callintel.mail.from}}").id("ai-alert-send")
                .end();
    }
}
