package com.callintel.hub.screenpop;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What the screen-pop tests share: ringing webhooks, agent mappings, stream tickets and streams. */
abstract class ScreenPopTestSupport extends HubIntegrationTest {

    static final String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    static final String GRACE_OKAFOR = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7105";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AppliedEpicSimulator epic;

    @BeforeEach
    void cleanSimulator() {
        epic.clearRecords();
        epic.faults().clear();
    }

    @AfterEach
    void noFaultsLeftBehind() {
        epic.faults().clear();
    }

    String agentUser(TestTenant tenant) {
        return "user_org:member_" + tenant.orgId();
    }

    void mapAgent(TestTenant tenant, String member, String zoomUserId) {
        HttpResponse<String> mapped = call("PUT", "/api/admin/agents", adminToken(tenant),
                "[{\"memberId\":\"" + member + "\",\"provider\":\"zoom\",\"providerUserId\":\"" + zoomUserId + "\"}]");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
    }

    /** A Zoom "callee ringing" webhook from {@code caller} for call {@code callId}; the provider names no caller. */
    void ring(TestTenant tenant, String caller, String callId) {
        String body = new String(fixture("zoom", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("+15555550123", caller).replace("7412000000000000001", callId)
                .replace("\"name\": \"Marcus Bell\"", "\"name\": \"WIRELESS CALLER\"");
        var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret("zoom"), Instant.now());
        HttpResponse<String> response = post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    long pops(TestTenant tenant) {
        return jdbc.sql("select count(*) from screen_pop where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single();
    }

    String ticket(String token) throws Exception {
        HttpResponse<String> response = call("POST", "/api/screen-pops/stream-ticket", token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("ticket").asText();
    }

    SseClient stream(TestTenant tenant, String token, String lastEventId) throws Exception {
        SseClient client = SseClient.open(base(), ticket(token), lastEventId);
        assertThat(client.status()).isEqualTo(200);
        return client;
    }

    String base() {
        return "http://localhost:" + port;
    }
}
