package com.callintel.hub.ams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once through faults: an AMS that is down, or fails at random, still ends with every note written once
 * - none lost, none doubled. Retries come from the database, with short delays here to keep the test quick.
 */
@TestPropertySource(properties = {"callintel.ams.first-retry=200ms", "callintel.ams.max-retry=2s",
        "callintel.ams.max-attempts=40", "callintel.ams.breaker-failure-rate=90", "callintel.ams.breaker-open-for=1s",
        "callintel.ams.poll-delay=100", "callintel.ams.batch-size=50"})
class AmsFaultToleranceTest extends HubIntegrationTest {

    private static final String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    private static final int EVENTS = Integer.getInteger("callintel.test.flakyEvents", 500);

    @AfterEach
    void restoreSimulator() {
        epic.faults().clear();
        epic.comeUp();
    }

    @Test
    void amsDownForTheWholeBurstThenBackWritesEveryNoteExactlyOnce() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        epic.goDown();
        for (int i = 0; i < 20; i++) {
            sendEndedCall(tenant, "down-" + i);
        }
        awaitProcessed(tenant);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                syncs(tenant).stream().filter(s -> s.get("last_error") != null).count() == 20);
        assertThat(syncs(tenant)).allSatisfy(s -> assertThat(s.get("status")).isIn("pending", "syncing"));
        assertThat(epic.created()).isEmpty();

        epic.comeUp();
        awaitSyncsSettled(tenant, Duration.ofSeconds(60));

        assertThat(syncs(tenant)).hasSize(20).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertExactlyOneActivityPerSync(tenant, 20);
    }

    @Test
    void thirtyPercentRandomFailuresOverFiveHundredEventsLoseNothingAndDoubleNothing() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        epic.faults().failRandomly(30, 20261129L);
        for (int i = 0; i < EVENTS; i++) {
            sendEndedCall(tenant, "flaky-" + i);
        }
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, Duration.ofSeconds(240));

        List<Map<String, Object>> syncs = syncs(tenant);
        assertThat(syncs).hasSize(EVENTS).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertExactlyOneActivityPerSync(tenant, EVENTS);
        assertThat(epic.received().size()).as("faults really happened and were retried").isGreaterThan(2 * EVENTS + EVENTS / 4);
    }

    private void assertExactlyOneActivityPerSync(TestTenant tenant, int expected) {
        List<CreatedRecord> activities = epic.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.ACTIVITY).toList();
        assertThat(activities).as("activities written").hasSize(expected)
                .allSatisfy(a -> assertThat(a.clientId()).isEqualTo(MARCUS_BELL));
        Map<Object, Long> byRecord = syncs(tenant).stream()
                .collect(Collectors.groupingBy(s -> s.get("ams_record_id"), Collectors.counting()));
        assertThat(byRecord).as("each sync points at its own activity").hasSize(expected);
        assertThat(activities.stream().map(CreatedRecord::id).collect(Collectors.toSet()))
                .isEqualTo(byRecord.keySet());
    }

    private void sendEndedCall(TestTenant tenant, String callId) {
        String body = new String(fixture("zoom", "inbound-completed.json"), StandardCharsets.UTF_8)
                .replace("7412000000000000001", callId);
        var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret("zoom"), Instant.now());
        assertThat(post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers()).statusCode())
                .isEqualTo(200);
    }
}
