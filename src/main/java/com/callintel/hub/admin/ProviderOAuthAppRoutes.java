package com.callintel.hub.admin;

import java.util.UUID;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.tenancy.ProviderAccountView;
import com.callintel.hub.tenancy.TenantRepository;
import com.callintel.hub.transcripts.TranscriptProperties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import static com.callintel.hub.admin.AdminBodies.OAuthAppChange;
import static com.callintel.hub.http.JsonRequests.invalid;

/**
 * A provider account's OAuth app (Zoom's Server-to-Server OAuth): the hub asks the provider for access tokens
 * with it instead of using a pasted API token, which expires within the hour. Only providers with a token
 * endpoint ({@code callintel.transcripts.token-urls}) take one; the client secret is write-only, the account list
 * shows the client id.
 */
@Component
class ProviderOAuthAppRoutes extends RouteBuilder {

    private final CurrentUser users;
    private final TenantRepository tenants;
    private final JsonRequests requests;
    private final JsonReplies replies;
    private final TranscriptProperties transcripts;

    ProviderOAuthAppRoutes(CurrentUser users, TenantRepository tenants, JsonRequests requests, JsonReplies replies,
                           TranscriptProperties transcripts) {
        this.users = users;
        this.tenants = tenants;
        this.requests = requests;
        this.replies = replies;
        this.transcripts = transcripts;
    }

    @Override
    public void configure() {
        rest("/api/admin").description("Settings of the signed-in admin's organization")
                .put("/provider-accounts/{id}/oauth-app").id("api-admin-accounts-oauth-put").type(OAuthAppChange.class)
                    .param(ApiDocs.uuidId()).responseMessage(ApiDocs.noContent("OAuth app stored"))
                    .to("direct:admin-accounts-oauth-put")
                .delete("/provider-accounts/{id}/oauth-app").id("api-admin-accounts-oauth-delete").param(ApiDocs.uuidId())
                    .responseMessage(ApiDocs.noContent("OAuth app removed: the account's API token is used again"))
                    .to("direct:admin-accounts-oauth-delete");

        from("direct:admin-accounts-oauth-put").routeId("admin-accounts-oauth-put").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    OAuthAppChange app = requests.body(e, OAuthAppChange.class);
                    ProviderAccountView account = account(admin, e);
                    if (!transcripts.tokenUrls().containsKey(account.provider())) {
                        throw invalid("provider", "must be one of " + transcripts.tokenUrls().keySet().stream().sorted().toList()
                                + " for an OAuth app (" + account.provider() + " takes an API token)");
                    }
                    tenants.saveOAuthApp(admin.orgId(), account.id(), app.accountId(), app.clientId(), app.clientSecret());
                    replies.reply(e, 204, null);
                });
        from("direct:admin-accounts-oauth-delete").routeId("admin-accounts-oauth-delete").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    tenants.removeOAuthApp(admin.orgId(), account(admin, e).id());
                    replies.reply(e, 204, null);
                });
    }

    private ProviderAccountView account(HubUser admin, Exchange e) {
        String notFound = "No such provider account in your organization.";
        UUID id = PathIds.uuid(e, notFound);
        return tenants.findProviderAccount(admin.orgId(), id).orElseThrow(() -> ProblemException.notFound(notFound));
    }
}
