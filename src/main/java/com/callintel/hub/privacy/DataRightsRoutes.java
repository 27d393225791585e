package com.callintel.hub.privacy;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The organization's data rights for its admins: the audit log, the export of everything, deletion of everything. */
@Component
class DataRightsRoutes extends RouteBuilder {

    private final CurrentUser users;
    private final DataRights dataRights;
    private final AuditLog audit;
    private final JsonReplies replies;
    private final java.time.Clock clock;
    private final ExportStreams exports;

    DataRightsRoutes(CurrentUser users, DataRights dataRights, AuditLog audit, JsonReplies replies, java.time.Clock clock, ExportStreams exports) {
        this.clock = clock;
        this.exports = exports;
        this.users = users;
        this.dataRights = dataRights;
        this.audit = audit;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/privacy").description("The privacy promise, as it stands for the organization")
                .get("/status").id("api-privacy-status").outType(PrivacyViews.PrivacyStatus.class)
                    .to("direct:privacy-status");

        // Whether the privacy promise is being kept for the organization, at a glance.
        from("direct:privacy-status").routeId("privacy-status").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, dataRights.status(users.admin(e).orgId(), clock.instant())));

        rest("/api/admin").description("Settings of the signed-in admin's organization")
                .get("/audit").id("api-admin-audit").outType(AuditLog.AuditRow[].class).to("direct:admin-audit")
                .get("/export").id("api-admin-export").outType(PrivacyViews.OrganizationExport.class)
                    .to("direct:admin-export")
                .delete("/organization").id("api-admin-organization-delete")
                    .param(ApiDocs.query("confirm", "string", "must be delete-everything: this cannot be undone")
                            .required(true))
                    .responseMessage(ApiDocs.noContent("The organization and everything of it deleted"))
                    .to("direct:admin-organization-delete");

        // The organization's audit log, newest first: who read or changed what, and the answer they got.
        from("direct:admin-audit").routeId("admin-audit").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, audit.latest(users.admin(e).orgId(), 500)));

        // Access and portability: everything the hub holds for the organization, as one JSON document, streamed
        // (rows are written as they are read; the body is a stream, so stream caching would only buffer it again).
        from("direct:admin-export").routeId("admin-export").routeConfigurationId(ApiProblems.ID)
                .streamCache("false")
                .process(e -> {
                    var org = users.admin(e).orgId();
                    var message = e.getMessage();
                    message.removeHeaders("*");
                    message.setBody(exports.open(org));
                    message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
                }).id("admin-export-stream");

        // Erasure: the organization and every row carrying its id are deleted; the sign-in stays with the IdP.
        from("direct:admin-organization-delete").routeId("admin-organization-delete").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    if (!"delete-everything".equals(e.getIn().getHeader("confirm", String.class))) {
                        throw JsonRequests.invalid("confirm", "must be 'delete-everything' (query parameter): this cannot be undone");
                    }
                    if (!dataRights.delete(users.admin(e).orgId())) {
                        throw ProblemException.notFound("No such organization.");
                    }
                    replies.reply(e, 204, null);
                });
    }
}
