package com.callintel.hub.notices;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.problem.ApiProblems;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Who the notices reach, for the organization's admins (Settings, read-only); audited by the API's audit filter. */
@Component
class NoticeRecipientsRoutes extends RouteBuilder {

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
                .to("direct:notice-recipients");

        // The addresses a notice to the caller's organization goes to now, each marked admin or alert address.
        from("direct:notice-recipients").routeId("notice-recipients").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, notices.view(users.admin(e).orgId())));
    }
}
