package com.callintel.hub.intake;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.problem.ProblemWriter;
import com.callintel.hub.connectors.VoipConnector;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/** The webhook intake: every VoIP provider posts to one endpoint, keyed by provider and per-account key. */
@Component
class IntakeRoutes extends RouteBuilder {

    private final WebhookIntake intake;
    private final ProblemWriter problems;
    private final IntakeProperties properties;
    private final IntakeMetrics metrics;
    private final IntakeServlet.Name servlet;

    IntakeRoutes(WebhookIntake intake, ProblemWriter problems, IntakeProperties properties, IntakeMetrics metrics,
                 IntakeServlet.Name servlet) {
        this.servlet = servlet;
        this.intake = intake;
        this.problems = problems;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        // A request the hub refuses gets its 4xx problem; nothing of it has been stored.
        onException(ProblemException.class).handled(true)
                .process(e -> metrics.refused(provider(e), e.getProperty(Exchange.EXCEPTION_CAUGHT, ProblemException.class).problem()))
                .process(problems::writeCaught);
        // When the hub cannot store, the provider must retry later: 503, never a 4xx that would drop the event.
        // Anything unexpected is treated the same way: the provider retries, nothing is lost, no internals leak.
        onException(DataAccessException.class, CannotGetJdbcConnectionException.class, RuntimeException.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "Webhook not stored, answering 503: ${exception.message}")
                .process(e -> {
                    Problem unavailable = Problem.of(503, "store-unavailable", "Temporarily unable to accept webhooks",
                            "The hub could not store the event; retry later.").retryAfter(properties.unavailableRetryAfterSeconds());
                    metrics.refused(provider(e), unavailable);
                    problems.write(e, unavailable);
                });

        // Verify, store, then acknowledge - nothing else on the ack path. The intake's own servlet (mapped at
        // /webhooks/*, camel.servlet.mapping) runs the route on the request's thread: no MVC dispatch, no async
        // re-dispatch (IntakeServlet). IntakeAdmission has already checked the endpoint and taken the bulkhead, and
        // WebhookBodyFilter has read the body: Camel maps neither body nor headers (the steps read the request's own).
        from("servlet:/?servletName=" + servlet.value() + "&matchOnUriPrefix=true&httpMethodRestrict=POST"
                        + "&mapHttpMessageBody=false&mapHttpMessageHeaders=false&mapHttpMessageFormUrlEncodedBody=false")
                .routeId("intake-webhook")
                .process(intake::route).id("intake-webhook-route")
                .process(intake::admit).id("intake-webhook-admit")
                .process(intake::verify).id("intake-webhook-verify")
                .choice()
                    .when(exchangeProperty(WebhookIntake.HANDSHAKE).isNotNull())
                        .process(intake::answerHandshake).id("intake-webhook-handshake")
                    .otherwise()
                        .process(intake::store).id("intake-webhook-store")
                .end();
    }

    /** The provider of a webhook that reached a known connector; anything else is not a tag value. */
    private static String provider(Exchange exchange) {
        VoipConnector connector = exchange.getProperty(WebhookIntake.CONNECTOR, VoipConnector.class);
        return connector == null ? "unknown" : connector.provider();
    }
}
