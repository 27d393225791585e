package com.callintel.hub.ai;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The organization's AI analysis setting, for its admins: {@code GET /api/admin/ai} (on or off, whether a key is
 * set and was refused, today's tokens, the last day's analyses by status; never the key) and {@code PUT /api/admin/ai}
 * {@code {"enabled": …, "apiKey": …}} (the key optional once one is set).
 */
@Component
class AiSettings extends RouteBuilder {

    private final CurrentUser users;
    private final AiSwitch ai;
    private final JsonRequests requests;
    private final JsonReplies replies;

    AiSettings(CurrentUser users, AiSwitch ai, JsonRequests requests, JsonReplies replies) {
        this.users = users;
        this.ai = ai;
        this.requests = requests;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/admin").description("Settings of the signed-in admin's organization")
                .get("/ai").id("api-admin-ai").outType(AiSwitch.View.class).to("direct:admin-ai-get")
                .put("/ai").id("api-admin-ai-put").type(AiChange.class).outType(AiSwitch.View.class)
                    .to("direct:admin-ai-put");

        from("direct:admin-ai-get").routeId("admin-ai-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, ai.view(users.admin(e).orgId())));

        from("direct:admin-ai-put").routeId("admin-ai-put").routeConfigurationId(ApiProblems.ID)
                .process(this::save);
    }

    private void save(Exchange e) throws Exception {
        HubUser admin = users.admin(e);
        AiChange change = requests.body(e, AiChange.class);
        if (!ai.set(admin.orgId(), change.enabled(), change.apiKey())) {
            throw JsonRequests.invalid("apiKey", "is needed to switch AI analysis on");
        }
        replies.reply(e, 200, ai.view(admin.orgId()));
    }

    /** PUT /api/admin/ai: on or off, and the organization's Anthropic key (optional once one is set). */
    record AiChange(
            @NotNull(message = "must be true or false") Boolean enabled,
            @Size(max = 500, message = JsonRequests.AT_MOST)
            @Pattern(regexp = "[^\\x00-\\x20]+", message = "must be one word without spaces (Anthropic keys start with sk-ant-)")
            String apiKey) {
    }
}
