package com.callintel.hub.notices;

import java.util.UUID;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.PlatformOperator;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.notices.Incidents.IncidentSummary;
import com.callintel.hub.notices.Incidents.IncidentView;
import com.callintel.hub.notices.NoticeRequests.IncidentRequest;
import com.callintel.hub.notices.NoticeRequests.PolicyRequest;
import com.callintel.hub.notices.Policies.PolicySummary;
import com.callintel.hub.notices.Policies.PolicyView;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.builder.RouteBuilder;
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
    private static final String NO_BREACH = "No such breach is recorded.";
    private static final String NO_POLICY = "No such policy version is published.";

    private final CurrentUser users;
    private final NoticeRequests requests;
    private final Incidents incidents;
    private final Policies policies;
    private final JsonReplies replies;
    private final AuditLog audit;

    OperatorNoticeRoutes(CurrentUser users, NoticeRequests requests, Incidents incidents, Policies policies,
                         JsonReplies replies, AuditLog audit) {
        this.users = users;
        this.requests = requests;
        this.incidents = incidents;
        this.policies = policies;
        this.replies = replies;
        this.audit = audit;
    }

    @Override
    public void configure() {
        rest("/api/operator").description("Breach and policy-change notices (operators only)")
                .post("/incidents").id("api-operator-incidents-record").type(IncidentRequest.class)
                    .responseMessage(ApiDocs.answer(201, "Recorded; its notices are queued", IncidentView.class))
                    .to("direct:operator-incidents-record")
                .get("/incidents").id("api-operator-incidents-list").outType(IncidentSummary[].class)
                    .to("direct:operator-incidents-list")
                .get("/incidents/{id}").id("api-operator-incidents-get").param(ApiDocs.numericId()).outType(IncidentView.class)
                    .to("direct:operator-incidents-get")
                .post("/policies").id("api-operator-policies-publish").type(PolicyRequest.class)
                    .responseMessage(ApiDocs.answer(201, "Published; its notices are queued", PolicyView.class))
                    .to("direct:operator-policies-publish")
                .get("/policies").id("api-operator-policies-list").outType(PolicySummary[].class)
                    .to("direct:operator-policies-list")
                .get("/policies/{id}").id("api-operator-policies-get").param(ApiDocs.numericId()).outType(PolicyView.class)
                    .to("direct:operator-policies-get");

        // Record a breach and queue its notice to every affected organization's admins, in one transaction.
        from("direct:operator-incidents-record").routeId("operator-incidents-record").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    var incident = incidents.record(requests.incident(e), operator);
                    replies.reply(e, 201, incident);
                });

        // Every breach, latest discovered first, with how many organizations are still untold.
        from("direct:operator-incidents-list").routeId("operator-incidents-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    log.info("Operator {} listed the breaches", operator.userId());
                    replies.reply(e, 200, incidents.all());
                });

        // One breach: its deadline, who was told when, each delivery and reminder; audited in each organization.
        from("direct:operator-incidents-get").routeId("operator-incidents-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    long id = PathIds.number(e, NO_BREACH);
                    var incident = incidents.find(id).orElseThrow(() -> ProblemException.notFound(NO_BREACH));
                    for (UUID org : incidents.affected(id)) {
                        audit.record(org, operator.userId(), Incidents.ROLE, "GET /api/operator/incidents/{id}",
                                "/api/operator/incidents/" + id, 200);
                    }
                    replies.reply(e, 200, incident);
                });

        // Publish a policy version at least 30 days ahead and queue its notice to every organization's admins.
        from("direct:operator-policies-publish").routeId("operator-policies-publish").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    replies.reply(e, 201, policies.publish(requests.policy(e), operator));
                });

        // Every version, latest published first, with how its notice mails went.
        from("direct:operator-policies-list").routeId("operator-policies-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    log.info("Operator {} listed the policy versions", operator.userId());
                    replies.reply(e, 200, policies.all());
                });

        // One version with its text and each notice mail.
        from("direct:operator-policies-get").routeId("operator-policies-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    long id = PathIds.number(e, NO_POLICY);
                    log.info("Operator {} read policy version {}", operator.userId(), id);
                    replies.reply(e, 200, policies.find(id).orElseThrow(() -> ProblemException.notFound(NO_POLICY)));
                });
    }
}
