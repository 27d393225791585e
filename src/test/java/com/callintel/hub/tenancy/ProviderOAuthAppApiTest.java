package com.callintel.hub.tenancy;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider account's OAuth app through the admin API: stored with its secret sealed, shown by its client id only,
 * removed again; bad input, a provider without a token endpoint, another organization's account and agents are
 * refused with a problem.
 */
class ProviderOAuthAppApiTest extends HubIntegrationTest {

    private static final String SECRET = "zoom-client-secret-Xq81LmZ";

    @Test
    void anAppIsStoredShownByItsClientIdOnlyAndRemoved() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        String path = "/api/admin/provider-accounts/" + account(tenant, "zoom") + "/oauth-app";

        HttpResponse<String> saved = call("PUT", path, admin, app("abcD1234_XYZ", "Zc1ient-Id.9", SECRET));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);

        assertThat(tenants.findOAuthApp(tenant.orgId(), "zoom")).get().satisfies(app -> {
            assertThat(app.providerAccountId()).isEqualTo("abcD1234_XYZ");
            assertThat(app.clientId()).isEqualTo("Zc1ient-Id.9");
            assertThat(app.clientSecret()).isEqualTo(SECRET);
        });
        String listed = call("GET", "/api/admin/provider-accounts", admin, null).body();
        assertThat(listed).contains("\"oauthClientId\":\"Zc1ient-Id.9\"").doesNotContain(SECRET).doesNotContain("abcD1234_XYZ");

        assertThat(call("DELETE", path, admin, null).statusCode()).isEqualTo(204);
        assertThat(tenants.findOAuthApp(tenant.orgId(), "zoom")).isEmpty();
        assertThat(call("GET", "/api/admin/provider-accounts", admin, null).body()).doesNotContain("oauthClientId");
    }

    @Test
    void badInputAndOtherProvidersAndStrangersAndAgentsGetProblems() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        String zoom = "/api/admin/provider-accounts/" + account(tenant, "zoom") + "/oauth-app";

        assertProblem(call("PUT", zoom, admin, "{\"accountId\":\"acct\",\"clientId\":\"client\"}"), 400, "clientSecret");
        assertProblem(call("PUT", zoom, admin, app("acct&grant_type=password", "client", SECRET)), 400, "accountId");
        assertProblem(call("PUT", zoom, admin, app("acct", "client id", SECRET)), 400, "clientId");
        assertProblem(call("PUT", zoom, admin, app("acct", "client", "two words")), 400, "clientSecret");
        assertProblem(call("PUT", zoom, admin, "not json"), 400, "");
        assertProblem(call("PUT", "/api/admin/provider-accounts/" + account(tenant, "goto") + "/oauth-app", admin,
                app("acct", "client", SECRET)), 400, "zoom");
        assertProblem(call("PUT", "/api/admin/provider-accounts/" + UUID.randomUUID() + "/oauth-app", admin,
                app("acct", "client", SECRET)), 404, "provider account");
        assertProblem(call("PUT", "/api/admin/provider-accounts/not-a-uuid/oauth-app", admin,
                app("acct", "client", SECRET)), 404, "provider account");
        assertThat(call("PUT", zoom, agentToken(tenant), app("acct", "client", SECRET)).statusCode()).isEqualTo(403);
        assertThat(tenants.findOAuthApp(tenant.orgId(), "zoom")).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String mentioned) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains(mentioned).doesNotContain(SECRET);
    }

    private UUID account(TestTenant tenant, String provider) {
        return jdbc.sql("select id from provider_account where org_id = :org and provider = :provider")
                .param("org", tenant.orgId()).param("provider", provider).query(UUID.class).single();
    }

    private static String app(String accountId, String clientId, String clientSecret) {
        return "{\"accountId\":\"" + accountId + "\",\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + clientSecret + "\"}";
    }
}
