package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across the two windows a crash used to double a note in (issue 14): the AMS wrote but the hub
 * never recorded it (killed, or the answer lost) — the retry reads the AMS back and writes nothing — and the
 * AMS's id stored but the sync not yet settled, which is now one statement. Properties as AmsFaultToleranceTest
 * (one Spring context for both).
 */
@TestPropertySource(properties = {"callintel.ams.first-retry=200ms", "callintel.ams.max-retry=2s",
        "callintel.ams.max-attempts=40", "callintel.ams.breaker-failure-rate=90", "callintel.ams.breaker-open-for=1s",
        "callintel.ams.poll-delay=100", "callintel.ams.batch-size=50"})
class AmsSyncExactlyOnceTest extends HubIntegrationTest {

    private static final String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Test
    void answerLostAfterEpicWroteTheActivityIsReadBackNotWrittenAgain() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        epic.faults().loseAnswerOfNextWrites(1);

        sendZoomCallFrom(tenant, "+15555550123", "lost-answer-1");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(created(CreatedRecord.Kind.ACTIVITY)).singleElement()
                .satisfies(a -> assertThat(a.clientId()).isEqualTo(MARCUS_BELL));
        assertThat(created(CreatedRecord.Kind.NOTE)).hasSize(1);
        assertThat(posts("/workflow-management/v1/activities")).as("the write was sent once").hasSize(1);
        assertThat(readBacks()).as("the retry asked Epic first").isNotEmpty();
        assertSyncedOnto(tenant, created(CreatedRecord.Kind.ACTIVITY).get(0).id());
    }

    @Test
    void hubKilledBetweenTheWriteAndItsRecordReadsBackOnTheNextClaim() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "killed-1");
        awaitSyncsSettled(tenant, SETTLE);
        assertThat(readBacks()).as("a first write reads nothing back").isEmpty();
        String activity = created(CreatedRecord.Kind.ACTIVITY).get(0).id();

        // the row as a kill -9 after Epic's answer leaves it: leased (now expired), marked, nothing recorded
        leaveAsKilledMidWrite(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(created(CreatedRecord.Kind.NOTE)).hasSize(1);
        assertThat(readBacks()).isNotEmpty();
        assertSyncedOnto(tenant, activity);
    }

    @Test
    void hubKilledBeforeTheWriteReachedEpicWritesItOnceAfterTheReadBack() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "killed-before-1");
        awaitSyncsSettled(tenant, SETTLE);

        // marked and leased, but the request never reached Epic (it holds nothing)
        epic.clearRecords();
        leaveAsKilledMidWrite(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(readBacks()).isNotEmpty();
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).singleElement()
                .satisfies(a -> assertSyncedOnto(tenant, a.id()));
        assertThat(created(CreatedRecord.Kind.NOTE)).singleElement()
                .satisfies(n -> assertThat(n.text()).contains("CallIntel ref: callintel-"));
    }

    @Test
    void followUpWhoseAnswerWasLostIsFoundOnTheActivityNotAddedTwice() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);
        epic.faults().loseAnswerOfNextWrites(1);

        send(tenant, "dialpad", "dialpad", "recap-summary.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        List<CreatedRecord> notes = created(CreatedRecord.Kind.NOTE);
        assertThat(notes).hasSize(2);
        assertThat(notes.get(1).text()).startsWith("Update: ").containsPattern("CallIntel ref: callintel-\\S+/v2$");
        assertThat(posts("/notes")).as("the follow-up was sent once").hasSize(1);
        assertThat(epic.received()).as("the retry read the activity's notes")
                .anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/notes"));
        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
    }

    @Test
    void storingTheAmsIdAndSettlingTheSyncIsOneStatement() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "one-statement-1");
        awaitSyncsSettled(tenant, SETTLE);

        Map<String, Object> row = jdbc.sql("""
                select ams_record_id, status, synced_version, write_started_at, lease_until from ams_sync where org_id = :org
                """).param("org", tenant.orgId()).query().singleRow();
        assertThat(row.get("ams_record_id")).isNotNull();
        assertThat(row.get("status")).isEqualTo("synced");
        assertThat(row.get("write_started_at")).as("the write mark cleared with the record").isNull();
        assertThat(row.get("lease_until")).isNull();
    }

    private void leaveAsKilledMidWrite(TestTenant tenant) {
        jdbc.sql("""
                update ams_sync set status = 'syncing', lease_until = now() - interval '1 second',
                    write_started_at = now() - interval '2 seconds', ams_record_id = null, synced_version = 0,
                    synced_at = null, attempts = 1
                where org_id = :org
                """).param("org", tenant.orgId()).update();
    }

    private void assertSyncedOnto(TestTenant tenant, String activityId) {
        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("synced");
            assertThat(s.get("ams_record_id")).isEqualTo(activityId);
        });
    }

    private List<ReceivedRequest> readBacks() {
        return epic.received().stream()
                .filter(r -> r.method().equals("GET") && r.path().contains("/workflow-management/v1/clients/"))
                .toList();
    }

    private List<ReceivedRequest> posts(String pathEnd) {
        return epic.received().stream().filter(r -> r.method().equals("POST") && r.path().endsWith(pathEnd)).toList();
    }

    private List<CreatedRecord> created(CreatedRecord.Kind kind) {
        return epic.created().stream().filter(r -> r.kind() == kind).toList();
    }
}
