package com.callintel.hub.ams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.LoopbackAms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One agency's AMS hanging must not take every thread: its screen-pop lookups and its syncs are held to a few
 * threads each (the organization's bulkhead), so another agency's pops keep finding the caller and its notes keep
 * being written while the first agency's calls are still stuck. The HTTP answer timeout is raised here so the
 * hanging AMS really holds its threads for the whole test.
 */
@TestPropertySource(properties = {"callintel.ams.poll-delay=100", "callintel.ams.concurrency=4",
        "callintel.ams.syncs-per-organization=2", "callintel.screen-pop.lookup-threads=4",
        "callintel.screen-pop.lookups-per-organization=2", "callintel.screen-pop.lookup-timeout=1500ms",
        "camel.component.http.response-timeout=120000"})
class TenantBulkheadTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(25);

    @Test
    void anotherAgencysPopsAndNotesKeepWorkingWhileOneAgencysAmsHangs() throws Exception {
        try (LoopbackAms hanging = LoopbackAms.hanging()) {
            TestTenant stuck = newTenant();
            TestTenant healthy = newTenant();
            connectAppliedEpicAt(stuck, hanging.baseUrl());
            connectAppliedEpic(healthy, epic, null);

            // more of the stuck agency's lookups and syncs than either pool has threads
            for (int i = 0; i < 6; i++) {
                ring(stuck, "stuck-ring-" + i);
            }
            for (int i = 0; i < 8; i++) {
                sendZoomCallFrom(stuck, "+15555550123", "stuck-call-" + i);
            }
            await().atMost(WAIT).until(() -> hanging.requests() >= 2);

            ring(healthy, "healthy-ring");
            for (int i = 0; i < 3; i++) {
                sendZoomCallFrom(healthy, "+15555550123", "healthy-call-" + i);
            }

            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> pops(healthy) == 1);
            JsonNode pop = new ObjectMapper().readTree(jdbc.sql("select payload::text from screen_pop where org_id = :org")
                    .param("org", healthy.orgId()).query(String.class).single());
            assertThat(pop.path("lookup").asText()).as("the healthy agency's pop found its caller").isEqualTo("matched");
            awaitSyncsSettled(healthy, WAIT);
            assertThat(syncs(healthy)).hasSize(3).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));

            assertThat(syncs(stuck)).as("the stuck agency's notes are still waiting for its AMS")
                    .noneMatch(s -> "synced".equals(s.get("status")));
            assertThat(hanging.requests()).as("its AMS was asked, and hangs").isGreaterThanOrEqualTo(2);
        }
    }

    private long pops(TestTenant tenant) {
        return jdbc.sql("select count(*) from screen_pop where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single();
    }

    /** A Zoom "callee ringing" webhook from the sandbox's Marcus Bell for call {@code callId}. */
    private void ring(TestTenant tenant, String callId) {
        String body = new String(fixture("zoom", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("7412000000000000001", callId);
        var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret("zoom"), Instant.now());
        assertThat(post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers()).statusCode())
                .isEqualTo(200);
    }

}
