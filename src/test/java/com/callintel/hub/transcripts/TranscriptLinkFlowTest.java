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

    /** A tenant with AI analysis on, an AMS, and {@code zoomToken} as its Zoom account's API token. */
    private TestTenant tenantWithAi(String key, String zoomToken) {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        anthropic.acceptKey(key);
        var response = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":true,\"apiKey\":\"" + key + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.util.UUID account = jdbc.sql("select id from provider_account where org_id = :org and provider = 'zoom'")
                .param("org", tenant.orgId()).query(java.util.UUID.class).single();
        tenants.saveApiToken(tenant.orgId(), account, zoomToken);
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
