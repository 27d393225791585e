package com.callintel.hub.notices;

import java.util.UUID;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.PlatformOperator;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.problem.ProblemWriter;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The operators' notices (SecurityConfiguration.operatorApi: platform operators only): breaches recorded and told to
 * the affected organizations' admins, and privacy policy versions announced to every organization. Each action on
 * an organization's notice leaves a row in that organization's audit log; the lists, which span organizations and
 * hold no organization's data beyond its id, are logged with the operator's id.
 */
@Component
class OperatorNoticeRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(OperatorNoticeRoutes.class);

    private final CurrentUser users;
    private final NoticeRequests requests;
    private final Incidents incidents;
    private final Policies policies;
    private final JsonReplies replies;
    private final ProblemWriter problems;
    private final AuditLog audit;

    OperatorNoticeRoutes(CurrentUser users, NoticeRequests requests, Incidents incidents, Policies policies,
                         JsonReplies replies, ProblemWriter problems, AuditLog audit) {
        this.users = users;
        this.requests = requests;
        this.incidents = incidents;
        this.policies = policies;
        this.replies = replies;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void configure() {
        onException(ProblemException.class).handled(true).process(problems::writeCaught);

        rest("/api/operator").bindingMode(RestBindingMode.off)
                .post("/incidents").id("api-operator-incidents-record").to("direct:operator-incidents-record")
                .get("/incidents").id("api-operator-incidents-list").to("direct:operator-incidents-list")
                .get("/incidents/{id}").id("api-operator-incidents-get").to("direct:operator-incidents-get")
                .post("/policies").id("api-operator-policies-publish").to("direct:operator-policies-publish")
                .get("/policies").id("api-operator-policies-list").to("direct:operator-policies-list")
                .get("/policies/{id}").id("api-operator-policies-get").to("direct:operator-policies-get");

        // Record a breach and queue its notice to every affected organization's admins, in one transaction.
        from("direct:operator-incidents-record").routeId("operator-incidents-record")
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    var incident = incidents.record(requests.incident(e), operator);
                    replies.reply(e, 201, incident);
                });

        // Every breach, latest discovered first, with how many organizations are still untold.
        from("direct:operator-incidents-list").routeId("operator-incidents-list")
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    log.info("Operator {} listed the breaches", operator.userId());
                    replies.reply(e, 200, incidents.all());
                });

        // One breach: its deadline, who was told when, each delivery and reminder; audited in each organization.
        from("direct:operator-incidents-get").routeId("operator-incidents-get")
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    long id = id(e);
                    var incident = incidents.find(id).orElseThrow(() -> notFound("Breach", id));
                    for (UUID org : incidents.affected(id)) {
                        audit.record(org, operator.userId(), Incidents.ROLE, "GET /api/operator/incidents/{id}",
                                "/api/operator/incidents/" + id, 200);
                    }
                    replies.reply(e, 200, incident);
                });

        // Publish a policy version at least 30 days ahead and queue its notice to every organization's admins.
        from("direct:operator-policies-publish").routeId("operator-policies-publish")
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    replies.reply(e, 201, policies.publish(requests.policy(e), operator));
                });

        // Every version, latest published first, with how its notice mails went.
        from("direct:operator-policies-list").routeId("operator-policies-list")
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    log.info("Operator {} listed the policy versions", operator.userId());
                    replies.reply(e, 200, policies.all());
                });

        // One version with its text and each notice mail.
        from("direct:operator-policies-get").routeId("operator-policies-get")
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    long id = id(e);
                    log.info("Operator {} read policy version {}", operator.userId(), id);
                    replies.reply(e, 200, policies.find(id).orElseThrow(() -> notFound("Policy version", id)));
                });
    }

    private static long id(Exchange exchange) {
        String id = exchange.getIn().getHeader("id", String.class);
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw NoticeRequests.invalid("id", "must be a number");
        }
    }

    private static ProblemException notFound(String what, long id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " #" + id + " does not exist."));
    }
}
