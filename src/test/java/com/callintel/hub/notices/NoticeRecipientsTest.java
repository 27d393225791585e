package com.callintel.hub.notices;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An organization's admins can see who its notices are mailed to (Settings): every admin who signed in, then the
 * alert address unless it is one of theirs; agents cannot. An admin can take another admin (or themself) off it, until
 * that admin signs in again.
 */
class NoticeRecipientsTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void adminsSeeEveryAdminWhoSignedInAndTheAlertAddressOnceAgentsSeeNothing() throws Exception {
        TestTenant tenant = newTenant();
        assertThat(recipients(tenant).path("recipients")).as("nobody signed in, no alert address").isEmpty();

        tenants.setAlertEmail(tenant.orgId(), "alerts@" + tenant.orgId() + ".test");
        assertThat(recipients(tenant).path("recipients").findValuesAsText("as")).as("the fallback")
                .containsExactly("alert-address");

        String pat = signInAdmin(tenant, "pat");
        String sam = signInAdmin(tenant, "sam");
        JsonNode both = recipients(tenant).path("recipients");
        assertThat(both.findValuesAsText("address")).containsExactly(pat, sam, "alerts@" + tenant.orgId() + ".test");
        assertThat(both.findValuesAsText("as")).containsExactly("admin", "admin", "alert-address");

        tenants.setAlertEmail(tenant.orgId(), sam.toUpperCase(java.util.Locale.ROOT));
        assertThat(recipients(tenant).path("recipients").findValuesAsText("address")).as("the alert address is sam's")
                .containsExactly(pat, sam);

        assertThat(call("GET", "/api/admin/notice-recipients", agentToken(tenant), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/admin/notice-recipients", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminTakenOffTheListGetsNoFurtherNoticeUntilTheySignInAgain() throws Exception {
        TestTenant tenant = newTenant();
        String alert = "alerts@" + tenant.orgId() + ".test";
        tenants.setAlertEmail(tenant.orgId(), alert);
        String pat = signInAdmin(tenant, "pat");
        String sam = signInAdmin(tenant, "sam");
        JsonNode listed = recipients(tenant).path("recipients");
        assertThat(listed.get(2).has("id")).as("the alert address is changed, not removed").isFalse();
        String samsId = listed.get(1).path("id").asText();
        assertThat(samsId).isEqualTo("user_sam_" + tenant.orgId());

        assertThat(call("DELETE", "/api/admin/notice-recipients/" + samsId, agentToken(tenant), null).statusCode()).isEqualTo(403);
        HttpResponse<String> removed = call("DELETE", "/api/admin/notice-recipients/" + samsId, adminToken(tenant), null);

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(recipients(tenant).path("recipients").findValuesAsText("address")).containsExactly(pat, alert);
        long breach = recordBreach(tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> breach(breach).path("deliveries").size() == 2);
        assertThat(breach(breach).path("deliveries").findValuesAsText("recipient")).containsExactlyInAnyOrder(pat, alert);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("""
                select count(*) from audit_log where org_id = :org and role = 'admin' and target = :target and status = 204
                """).param("org", tenant.orgId()).param("target", "/api/admin/notice-recipients/" + samsId)
                .query(Long.class).single() == 1);

        signInAdmin(tenant, "sam");
        assertThat(recipients(tenant).path("recipients").findValuesAsText("address")).as("back at the next sign-in")
                .containsExactly(pat, sam, alert);
    }

    @Test
    void removingAnAdminWhoIsNotListedIsNotFound() throws Exception {
        TestTenant tenant = newTenant();
        signInAdmin(tenant, "pat");
        for (String id : List.of("user_nobody", "user_pat_" + UUID.randomUUID(), "%20", "x".repeat(2000))) {
            HttpResponse<String> response = call("DELETE", "/api/admin/notice-recipients/" + id, adminToken(tenant), null);
            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(id).hasValue("application/problem+json");
        }
        assertThat(call("DELETE", "/api/admin/notice-recipients/user_pat_" + tenant.orgId(), null, null).statusCode())
                .isEqualTo(401);
        assertThat(recipients(tenant).path("recipients")).hasSize(1);
    }

    private long recordBreach(TestTenant tenant) throws Exception {
        HttpResponse<String> recorded = call("POST", "/api/operator/incidents", operatorToken(), JSON.writeValueAsString(Map.of(
                "discoveredAt", clock.instant().minus(Duration.ofHours(1)).toString(), "whatHappened", "A test breach",
                "dataInvolved", "Caller numbers", "mitigation", "Closed", "recommendedActions", "None",
                "organizations", List.of(tenant.orgId()))));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        return JSON.readTree(recorded.body()).path("id").asLong();
    }

    private JsonNode breach(long id) throws Exception {
        return JSON.readTree(call("GET", "/api/operator/incidents/" + id, operatorToken(), null).body());
    }

    private String operatorToken() {
        return identityProvider.sign(Map.of("sub", "user_demo_operator", "email", "ops@callintel.test"), Duration.ofMinutes(5));
    }

    private JsonNode recipients(TestTenant tenant) throws Exception {
        HttpResponse<String> response = call("GET", "/api/admin/notice-recipients", adminToken(tenant), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
