package com.callintel.hub.notices;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static com.callintel.hub.http.ApiDocs.noContent;

/**
 * Who the notices reach, for the organization's admins (Settings): the list, and taking an admin off it (an admin
 * removed at the identity provider, of whom the hub hears nothing). Audited, as every API call, by the audit filter.
 */
@Component
class NoticeRecipientsRoutes extends RouteBuilder {

    private static final String NOT_LISTED = "No such admin on your organization's notice list.";

    private final CurrentUser users;
    private final AdminNotices notices;
    private final JsonReplies replies;

    NoticeRecipientsRoutes(CurrentUser users, AdminNotices notices, JsonReplies replies) {
        this.users = users;
        this.notices = notices;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/admin")
                .get("/notice-recipients").id("api-admin-notice-recipients").outType(NoticeRecipientsView.class)
                .to("direct:notice-recipients")
                .delete("/notice-recipients/{id}").id("api-admin-notice-recipients-delete").param(adminId())
                .responseMessage(noContent("Off the list until they sign in again as an admin"))
                .to("direct:notice-recipients-remove");

        // The addresses a notice to the caller's organization goes to now, each marked admin or alert address.
        from("direct:notice-recipients").routeId("notice-recipients").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, notices.view(users.admin(e).orgId())));

        // Takes an admin's address off the list (yourself too): the next notice skips it until they sign in again.
        from("direct:notice-recipients-remove").routeId("notice-recipients-remove").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    if (!notices.removeAdmin(users.admin(e).orgId(), e.getIn().getHeader("id", String.class))) {
                        throw ProblemException.notFound(NOT_LISTED);
                    }
                    replies.reply(e, 204, null);
                });
    }

    /** The {@code id} of an admin's line in the list: their user id at the identity provider. */
    private static ParamDefinition adminId() {
        return new ParamDefinition().name("id").type(RestParamType.path).required(true).dataType("string")
                .description("The id of an admin's line in GET /api/admin/notice-recipients (their identity provider's user id)");
    }
}
