package com.callintel.hub.privacy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Removing or replacing a credential makes the hub stop using it at once: no cached copy keeps working. */
class RevocationTest extends HubIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Test
    void rotatedWebhookSecretRefusesTheOldOneAtOnce() {
        TestTenant tenant = newTenant();
        String accountId = accountId(tenant, "zoom");
        assertThat(call("POST", "/api/admin/provider-accounts/" + accountId + "/secret", adminToken(tenant),
                "{\"secret\":\"zm-rotated-secret-7Qw2\"}").statusCode()).isEqualTo(204);

        assertThat(send(tenant, "zoom", "zoom", "inbound-ringing.json").statusCode())
                .as("signed with the revoked secret").isEqualTo(401);
        var signed = SampleSender.sign("zoom", fixture("zoom", "inbound-ringing.json"), "zm-rotated-secret-7Qw2", Instant.now());
        assertThat(post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers()).statusCode())
                .as("signed with the new secret").isEqualTo(200);
        assertThat(storedEvents(tenant)).isEqualTo(1);
    }

    @Test
    void deletedProviderAccountStopsAcceptingWebhooksAtOnce() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, "zoom", "zoom", "inbound-ringing.json").statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/admin/provider-accounts/" + accountId(tenant, "zoom"), adminToken(tenant), null)
                .statusCode()).isEqualTo(204);

        HttpResponse<String> refused = send(tenant, "zoom", "zoom", "inbound-answered.json");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(jdbc.sql("select count(*) from provider_account where org_id = :org and provider = 'zoom'")
                .param("org", tenant.orgId()).query(Long.class).single()).as("its secret is gone with it").isZero();
    }

    @Test
    void removedAmsConnectionIsNotUsedEvenBySyncsAlreadyWaitingForARetry() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "revoke-1");
        awaitSyncsSettled(tenant, SETTLE);
        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));

        // the AMS goes away; the next call's note waits for a retry, holding nothing but the job
        epic.goDown();
        sendZoomCallFrom(tenant, "+15555550123", "revoke-2");
        await().atMost(SETTLE).until(() -> jdbc.sql(
                "select attempts from ams_sync where org_id = :org and status = 'pending' and attempts >= 1")
                .param("org", tenant.orgId()).query(Integer.class).optional().isPresent());

        assertThat(call("DELETE", "/api/admin/ams-connection", adminToken(tenant), null).statusCode()).isEqualTo(204);
        Instant revoked = Instant.now();
        epic.comeUp();
        jdbc.sql("update ams_sync set next_attempt_at = now() where org_id = :org and status = 'pending'")
                .param("org", tenant.orgId()).update();            // its retry is due now
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).filteredOn(s -> !"synced".equals(s.get("status"))).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertThat((String) s.get("last_error")).contains("no AMS connection");
        });
        assertThat(epic.received()).as("requests that reached the AMS after the connection was removed")
                .noneMatch(r -> r.at().isAfter(revoked));
        assertThat(jdbc.sql("select count(*) from ams_connection where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single()).as("the sealed credentials are deleted").isZero();
    }

    @Test
    void replacedAmsCredentialsAreUsedForTheVeryNextNoteNotACachedToken() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "replace-1");
        awaitSyncsSettled(tenant, SETTLE);
        long tokenGrants = tokenGrants();
        assertThat(tokenGrants).as("the first note fetched a token, which the hub now caches").isGreaterThanOrEqualTo(1);

        // the admin replaces the credentials with ones the AMS does not accept (a revoked client secret)
        var replaced = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"applied-epic\","
                + "\"baseUrl\":\"" + epic.baseUrl() + "\",\"activityCode\":\"65536\",\"credentials\":"
                + "{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"revoked-secret\","
                + "\"scope\":\"epic/accounts:search epic/activity:write\"},\"settings\":{"
                + "\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\","
                + "\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        sendZoomCallFrom(tenant, "+15555550123", "replace-2");
        await().atMost(SETTLE).until(() -> jdbc.sql("select count(*) from ams_sync where org_id = :org "
                + "and status in ('pending', 'dead') and last_error is not null")
                .param("org", tenant.orgId()).query(Long.class).single() == 1);

        assertThat(tokenGrants()).as("a new token was asked for with the new credentials").isGreaterThan(tokenGrants);
        assertThat(syncs(tenant)).filteredOn(s -> !"synced".equals(s.get("status"))).singleElement()
                .satisfies(s -> assertThat((String) s.get("last_error")).contains("AMS refused the credentials"));
        assertThat(epic.received().stream().filter(r -> "POST".equals(r.method()) && r.path().contains("/activities")).count())
                .as("only the first note was written: the cached token was not used after the change").isEqualTo(1);
    }

    private long tokenGrants() {
        return epic.received().stream().filter(r -> r.path().endsWith("/auth/connect/token")).count();
    }

    private String accountId(TestTenant tenant, String provider) {
        return jdbc.sql("select id::text from provider_account where org_id = :org and provider = :provider")
                .param("org", tenant.orgId()).param("provider", provider).query(String.class).single();
    }

}
