package com.callintel.hub.transcripts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.ai.AnthropicSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.TestServers;
import com.callintel.hub.support.ZoomApiSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transcripts Zoom sends as a link ({@code transcript_download_url}): fetched with the organization's Zoom token
 * through the egress policy, recorded as the call's transcript, analysed once and written into the call's note;
 * a refused token, a missing recording or a link to another host leave the base note with the link and the failure
 * on record.
 */
class TranscriptLinkFlowTest extends HubIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String FIXTURE_URL = "https://zoom.us/v2/phone/recording_transcript/download/rec_7412_0001";

    @Autowired
    ZoomApiSimulator zoomApi;
    @Autowired
    AnthropicSimulator anthropic;

    @BeforeEach
    void simulatorsAsNew() {
        zoomApi.clear();
        anthropic.clear();
        egress.allowSandboxSimulator(zoomApi.baseUrl());
    }

    @Test
    void aZoomTranscriptLinkIsFetchedWithTheAccountsTokenAnalysedOnceAndWrittenIntoTheNote() {
        TestTenant tenant = tenantWithAi("sk-ant-transcript-link", TestServers.ZOOM_API_TOKEN);
        zoomApi.transcript("rec_7412_0101", "Marcus Bell: I need a certificate of insurance for my landlord.",
                "Dana Whitfield: I will send the certificate by email on 2026-12-09.");
        zoomApi.failNext(new ZoomApiSimulator.Fault(429, 1));

        sendZoomCall(tenant, "7412000000000000101", zoomApi.downloadUrl("rec_7412_0101"));
        awaitFetch(tenant, "done");
        await().atMost(SETTLE).until(() -> count(tenant, "call_analysis", "done") == 1);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(zoomApi.received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo(ZoomApiSimulator.DOWNLOAD + "rec_7412_0101");
            assertThat(r.authorization()).isEqualTo("Bearer " + TestServers.ZOOM_API_TOKEN);
        });
        assertThat(jdbc.sql("select transcript from call where org_id = :org").param("org", tenant.orgId())
                .query(String.class).single()).isEqualTo("Marcus Bell: I need a certificate of insurance for my landlord.\n"
                + "Dana Whitfield: I will send the certificate by email on 2026-12-09.");
        assertThat(epic.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(latestNoteText()).contains("Marcus Bell: I need a certificate of insurance for my landlord.")
                .contains("AI analysis: intent certificate request");
        assertThat(anthropic.received()).hasSize(1);
        assertThat(audited(tenant)).containsExactly(429, 200);

        sendZoomCall(tenant, "7412000000000000101", zoomApi.downloadUrl("rec_7412_0101"));
        assertThat(count(tenant, "transcript_fetch", null)).isEqualTo(1);
        assertThat(zoomApi.received()).hasSize(2);
        assertThat(anthropic.received()).hasSize(1);
    }

    @Test
    void aRefusedTokenOrAMissingRecordingLeavesTheBaseNoteWithTheLinkAndTheFailureOnRecord() {
        TestTenant expired = tenantWithAi("sk-ant-transcript-401", "zoom-token-that-expired");
        TestTenant missing = tenantWithAi("sk-ant-transcript-404", TestServers.ZOOM_API_TOKEN);

        sendZoomCall(expired, "7412000000000000102", zoomApi.downloadUrl("rec_7412_0102"));
        awaitFetch(expired, "dead");
        awaitSyncsSettled(expired, SETTLE);
        assertThat(latestNoteText()).contains(zoomApi.downloadUrl("rec_7412_0102"));
        sendZoomCall(missing, "7412000000000000103", zoomApi.downloadUrl("rec_7412_0103"));
        awaitFetch(missing, "dead");
        awaitSyncsSettled(missing, SETTLE);
        assertThat(latestNoteText()).contains(zoomApi.downloadUrl("rec_7412_0103"));

        assertThat(failure(expired)).startsWith("401 ").contains("the organization's API token was refused");
        assertThat(failure(missing)).startsWith("404 ").contains("the link answered 404");
        assertThat(audited(expired)).containsExactly(401);
        assertThat(audited(missing)).containsExactly(404);
        assertThat(count(expired, "call_analysis", null) + count(missing, "call_analysis", null)).isZero();
        assertThat(count(expired, "ams_sync", "synced")).isEqualTo(1);
        assertThat(count(missing, "ams_sync", "synced")).isEqualTo(1);
    }

    @Test
    void aLinkToAHostThatIsNotZoomsIsRefusedByTheEgressPolicyAndNeverCalled() {
        TestTenant tenant = tenantWithAi("sk-ant-transcript-egress", TestServers.ZOOM_API_TOKEN);

        sendZoomCall(tenant, "7412000000000000104", "https://zoom.us.attacker.example/v2/phone/recording_transcript/download/rec");
        sendZoomCall(tenant, "7412000000000000105", "https://zoom.us@169.254.169.254/latest/meta-data");
        sendZoomCall(tenant, "7412000000000000106", "https://zoom.us/v2/phone/recording_transcript/download/..%2F..%2Fusers");
        await().atMost(SETTLE).until(() -> count(tenant, "transcript_fetch", "dead") == 3);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(jdbc.sql("select last_error from transcript_fetch where org_id = :org order by id")
                .param("org", tenant.orgId()).query(String.class).list()).satisfiesExactly(
                e -> assertThat(e).contains("must name one of zoom's hosts [zoom.us, api.zoom.us]"),
                e -> assertThat(e).contains("must not carry credentials"),
                e -> assertThat(e).contains("is not a plain id"));
        assertThat(zoomApi.received()).isEmpty();
        assertThat(count(tenant, "ams_sync", "synced")).isEqualTo(3);
    }

    @Test
    void anOAuthAppsAccessTokenIsAskedForOnceAndServesTwoDownloads() {
        ZoomApiSimulator.App app = new ZoomApiSimulator.App("acct-7412-reuse", "client-7412-reuse", "secret-7412-reuse");
        TestTenant tenant = tenantWithOAuthApp("sk-ant-transcript-s2s", app);
        zoomApi.transcript("rec_7412_0201", "Marcus Bell: Please add my new car to the policy.");
        zoomApi.transcript("rec_7412_0202", "Marcus Bell: And remove the old one.");

        sendZoomCall(tenant, "7412000000000000201", zoomApi.downloadUrl("rec_7412_0201"));
        awaitFetches(tenant, "done", 1);
        sendZoomCall(tenant, "7412000000000000202", zoomApi.downloadUrl("rec_7412_0202"));
        awaitFetches(tenant, "done", 2);

        assertThat(zoomApi.tokenRequests()).isEqualTo(1);
        ZoomApiSimulator.Received tokenRequest = zoomApi.received().get(0);
        assertThat(tokenRequest.method()).isEqualTo("POST");
        assertThat(tokenRequest.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("client-7412-reuse:secret-7412-reuse".getBytes(StandardCharsets.UTF_8)));
        assertThat(downloads()).hasSize(2);
        assertThat(downloads().stream().map(ZoomApiSimulator.Received::authorization).distinct().toList())
                .as("both downloads carry the one token issued").singleElement().asString().startsWith("Bearer zoom-s2s-");
        assertThat(audited(tenant)).containsExactly(200, 200);
    }

    @Test
    void aShortLivedTokenIsRenewedBeforeItExpires() {
        ZoomApiSimulator.App app = new ZoomApiSimulator.App("acct-7412-renew", "client-7412-renew", "secret-7412-renew");
        TestTenant tenant = tenantWithOAuthApp("sk-ant-transcript-renew", app);
        zoomApi.transcript("rec_7412_0301", "Marcus Bell: First call.");
        zoomApi.transcript("rec_7412_0302", "Marcus Bell: Second call.");
        zoomApi.tokenLifetime(2);

        sendZoomCall(tenant, "7412000000000000301", zoomApi.downloadUrl("rec_7412_0301"));
        awaitFetches(tenant, "done", 1);
        await().pollDelay(Duration.ofMillis(2100)).until(() -> true);
        sendZoomCall(tenant, "7412000000000000302", zoomApi.downloadUrl("rec_7412_0302"));
        awaitFetches(tenant, "done", 2);

        assertThat(zoomApi.tokenRequests()).as("the short-lived token was renewed").isEqualTo(2);
        assertThat(audited(tenant)).as("never sent once it had run out").containsExactly(200, 200);
    }

    @Test
    void aTokenZoomRefusesEarlyIsDroppedAndANewOneAskedForOnce() {
        ZoomApiSimulator.App app = new ZoomApiSimulator.App("acct-7412-revoke", "client-7412-revoke", "secret-7412-revoke");
        TestTenant tenant = tenantWithOAuthApp("sk-ant-transcript-revoke", app);
        zoomApi.transcript("rec_7412_0311", "Marcus Bell: First call.");
        zoomApi.transcript("rec_7412_0312", "Marcus Bell: Second call.");

        sendZoomCall(tenant, "7412000000000000311", zoomApi.downloadUrl("rec_7412_0311"));
        awaitFetches(tenant, "done", 1);
        zoomApi.revokeTokens();
        sendZoomCall(tenant, "7412000000000000312", zoomApi.downloadUrl("rec_7412_0312"));
        awaitFetches(tenant, "done", 2);

        assertThat(zoomApi.tokenRequests()).as("the refused token was dropped and a new one asked for").isEqualTo(2);
        assertThat(audited(tenant)).containsExactly(200, 401, 200);
        assertThat(count(tenant, "transcript_fetch", "dead")).isZero();
    }

    @Test
    void aWrongClientSecretEndsTheFetchDeadWithItsReasonAndTheBaseNoteKeepsTheLink() throws Exception {
        zoomApi.app(new ZoomApiSimulator.App("acct-7412-wrong", "client-7412-wrong", "the-real-secret"));
        TestTenant tenant = tenantWithAi("sk-ant-transcript-wrong", "zoom-token-never-used");
        tenants.saveOAuthApp(tenant.orgId(), zoomAccount(tenant), "acct-7412-wrong", "client-7412-wrong", "a-mistyped-secret");
        zoomApi.transcript("rec_7412_0401", "Marcus Bell: Never fetched.");

        sendZoomCall(tenant, "7412000000000000401", zoomApi.downloadUrl("rec_7412_0401"));
        awaitFetch(tenant, "dead");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(failure(tenant)).isEqualTo("400 zoom: the token endpoint answered 400 (invalid_client: Invalid client_id"
                + " or client_secret) (the OAuth app's credentials were refused)");
        assertThat(downloads()).as("no download without a token").isEmpty();
        assertThat(latestNoteText()).contains(zoomApi.downloadUrl("rec_7412_0401"));
        assertThat(count(tenant, "ams_sync", "synced")).isEqualTo(1);
        assertThat(count(tenant, "call_analysis", null)).isZero();

        var export = call("GET", "/api/admin/export", adminToken(tenant), null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).doesNotContain("a-mistyped-secret").doesNotContain("zoom-token-never-used");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export.body());
        assertThat(json.path("transcriptFetches")).singleElement().satisfies(fetch -> {
            assertThat(fetch.path("status").asText()).isEqualTo("dead");
            assertThat(fetch.path("last_status").asInt()).isEqualTo(400);
            assertThat(fetch.path("last_error").asText()).contains("invalid_client");
        });
        assertThat(json.path("providerAccounts").findValues("oauth_client_id").stream().map(v -> v.asText()))
                .contains("client-7412-wrong");
    }

    /** A tenant with AI analysis on, an AMS, and {@code app} (known to Zoom) as its Zoom account's OAuth app. */
    private TestTenant tenantWithOAuthApp(String key, ZoomApiSimulator.App app) {
        zoomApi.app(app);
        TestTenant tenant = tenantWithAi(key, "zoom-token-that-expired");
        var response = call("PUT", "/api/admin/provider-accounts/" + zoomAccount(tenant) + "/oauth-app", adminToken(tenant),
                "{\"accountId\":\"" + app.accountId() + "\",\"clientId\":\"" + app.clientId()
                        + "\",\"clientSecret\":\"" + app.clientSecret() + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        return tenant;
    }

    private java.util.UUID zoomAccount(TestTenant tenant) {
        return jdbc.sql("select id from provider_account where org_id = :org and provider = 'zoom'")
                .param("org", tenant.orgId()).query(java.util.UUID.class).single();
    }

    private List<ZoomApiSimulator.Received> downloads() {
        return zoomApi.received().stream().filter(r -> r.path().startsWith(ZoomApiSimulator.DOWNLOAD)).toList();
    }

    private void awaitFetches(TestTenant tenant, String status, long n) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> count(tenant, "transcript_fetch", status) == n);
    }

    /** A tenant with AI analysis on, an AMS, and {@code zoomToken} as its Zoom account's API token. */
    private TestTenant tenantWithAi(String key, String zoomToken) {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        anthropic.acceptKey(key);
        var response = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":true,\"apiKey\":\"" + key + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        tenants.saveApiToken(tenant.orgId(), zoomAccount(tenant), zoomToken);
        return tenant;
    }

    /** The call's end, then its transcript notice with {@code link}, as Zoom sends them (shared fixtures). */
    private void sendZoomCall(TestTenant tenant, String callId, String link) {
        for (String fixture : List.of("inbound-completed.json", "transcript-completed.json")) {
            String body = new String(fixture("zoom", fixture), StandardCharsets.UTF_8)
                    .replace("7412000000000000001", callId).replace(FIXTURE_URL, link);
            var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret("zoom"), Instant.now());
            var response = post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        awaitProcessed(tenant);
    }

    private void awaitFetch(TestTenant tenant, String status) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> count(tenant, "transcript_fetch", status) == 1);
    }

    private long count(TestTenant tenant, String table, String status) {
        String statusFilter = status == null ? "" : " and status = '" + status + "'";
        return jdbc.sql("select count(*) from " + table + " where org_id = :org" + statusFilter)
                .param("org", tenant.orgId()).query(Long.class).single();
    }

    private String failure(TestTenant tenant) {
        return jdbc.sql("select last_status || ' ' || last_error from transcript_fetch where org_id = :org")
                .param("org", tenant.orgId()).query(String.class).single();
    }

    private List<Integer> audited(TestTenant tenant) {
        return jdbc.sql("select status from audit_log where org_id = :org and action = 'GET zoom transcript link' order by id")
                .param("org", tenant.orgId()).query(Integer.class).list();
    }

    private String latestNoteText() {
        List<CreatedRecord> all = epic.created();
        return all.get(all.size() - 1).text();
    }
}
