package com.callintel.hub.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.support.DatabaseScan;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database scan proof of the privacy promise. A mixed day — a call with its transcript and AI summary and an
 * SMS that reach the AMS, an unmatched caller, a payload no connector understands, and an organization whose
 * AMS refuses every note — then the clock moves past one hour after the sync and past 30 days, the purges run,
 * and every text, JSON and binary column of every table in the database is searched for the numbers, names and
 * words that were sent in. Values carry a marker unique to the run, so no other test's rows can hide a leak.
 */
@TestPropertySource(properties = "callintel.test.context=privacy")   // shares PrivacyPurgeTest's own context
class MixedDayPrivacyTest extends HubIntegrationTest {

    /**
     * Tables an organization keeps after 30 days: its account, settings, credentials, team and audit trail, and
     * the anonymized analytics facts (no number, name or text: the scan above proves it).
     */
    private static final Set<String> KEPT_FOR_THE_ACCOUNT = Set.of("organization", "provider_account",
            "ams_connection", "agent_mapping", "audit_log", "call_fact", "sms_fact", "ams_sync_fact",
            "replay_guard");   // keyed hashes of purged events' dedupe keys: no value of the event can be read back
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    PrivacyPurge purge;

    @Test
    void aMixedDayLeavesExactlyWhatThePromiseAllows() {
        String tag = marker();
        Map<String, String> synced = Map.of(
                "Marcus Bell", "Ottoline " + tag,
                "Dana Whitfield", "Fenwick " + tag,
                "dana.whitfield", "fenwick." + tag.toLowerCase(),
                "17-year-old son", "17-year-old son " + tag + "recap",
                "add my son", "add my son " + tag + "words",
                "auto ID card", "auto ID card " + tag + "sms",
                "6263000000000001", digits(16),
                "4810000000000001", digits(16));
        Map<String, String> unmatched = Map.of(
                "+15555550123", "+15555550999",
                "Marcus Bell", "Stranger " + tag,
                "Dana Whitfield", "Frontdesk " + tag,
                "7412000000000000001", digits(19));
        Map<String, String> refusedByAms = Map.of(
                "Marcus Bell", "Refused " + tag,
                "Dana Whitfield", "Backoffice " + tag,
                "7412000000000000001", digits(19));
        String broken = tag + "broken";

        TestTenant agency = newTenant();
        connectAppliedEpic(agency, epic, null);
        TestTenant misconfigured = newTenant();
        connectAppliedEpic(misconfigured, epic, "\"ownerId\":\"no-such-employee\"");     // every note is refused

        for (String fixture : List.of("inbound-completed.json", "transcription.json", "recap-summary.json", "sms-inbound.json")) {
            sendEdited(agency, "dialpad", "dialpad", fixture, synced);
        }
        sendEdited(agency, "zoom", "zoom", "inbound-completed.json", unmatched);
        post("/webhooks/goto/" + agency.endpointKey("goto"), ("{\"source\":\"call-events\",\"content\":{\"state\":"
                + "{\"id\":1}},\"caller\":\"" + broken + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
        sendEdited(misconfigured, "zoom", "zoom", "inbound-completed.json", refusedByAms);
        for (TestTenant tenant : List.of(agency, misconfigured)) {
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, Duration.ofSeconds(30));
        }
        assertThat(syncs(agency)).extracting(s -> s.get("status")).containsExactlyInAnyOrder("synced", "synced", "unmatched");
        assertThat(syncs(misconfigured)).extracting(s -> s.get("status")).containsExactly("dead");
        assertThat(eventsWithStatus(agency, "failed")).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> analyticsOf(agency).path("amsSynced").asLong() == 2
                && analyticsOf(agency).path("calls").path("calls").asLong() == 2);
        JsonNode figures = analyticsOf(agency);
        assertThat(figures.path("calls").path("answered").asLong()).as("both calls were answered").isEqualTo(2);
        assertThat(figures.path("smsInbound").asLong()).isEqualTo(1);

        List<String> syncedValues = values(synced);
        List<String> unsyncedValues = new ArrayList<>(values(unmatched));
        unsyncedValues.addAll(values(refusedByAms));
        unsyncedValues.add(broken);
        for (String value : concat(syncedValues, unsyncedValues)) {
            assertThat(columnsHolding(value)).as("'%s' was stored (the scan can see it)", value).isNotEmpty();
        }

        // one hour after the sync: the synced call and SMS keep no person and no text anywhere
        clock.advance(Duration.ofMinutes(61));
        purge.afterSync();
        clock.reset();
        for (String value : syncedValues) {
            assertThat(columnsHolding(value)).as("'%s' one hour after its sync", value).isEmpty();
        }
        for (String number : List.of("+15555550123", "5555550123", "555-0123")) {
            assertThat(new DatabaseScan(jdbc).columnsHolding(agency.orgId(), number)).as("the synced caller's number %s", number).isEmpty();
        }
        assertThat(columnsHolding("Stranger " + tag)).as("the unmatched call waits for a pick or the 30 days").isNotEmpty();
        assertThat(columnsHolding("Refused " + tag)).as("the refused note waits for a retry or the 30 days").isNotEmpty();
        assertThat(columnsHolding(broken)).as("the failed event keeps its payload for a retry").isNotEmpty();
        assertThat(jdbc.sql("select count(*) from call where org_id = :org and provider = 'dialpad' "
                + "and outcome = 'answered' and duration_seconds = 330")
                .param("org", agency.orgId()).query(Long.class).single()).as("the anonymous call facts stay").isEqualTo(1);
        assertThat(analyticsOf(agency)).as("the figures after the purge an hour past the sync").isEqualTo(figures);

        // 30 days: nothing of the day is left, whatever became of it
        clock.advance(Duration.ofDays(31));
        purge.hardMaximum();
        clock.reset();
        for (String value : concat(syncedValues, unsyncedValues)) {
            assertThat(columnsHolding(value)).as("'%s' after 30 days", value).isEmpty();
        }
        assertThat(new DatabaseScan(jdbc).columnsHolding(agency.orgId(), "5555550")).as("any of the agency's numbers after 30 days").isEmpty();
        assertThat(analyticsOf(agency)).as("the figures after the 30-day maximum").isEqualTo(figures);
        for (TestTenant tenant : List.of(agency, misconfigured)) {
            assertThat(new DatabaseScan(jdbc).tablesWithRowsOf(tenant.orgId())).as("what an organization keeps after 30 days")
                    .contains("organization", "provider_account", "ams_connection")
                    .isSubsetOf(KEPT_FOR_THE_ACCOUNT);
        }
    }

    /** The organization's analytics totals over the whole year of the fixtures' dates until today. */
    private JsonNode analyticsOf(TestTenant tenant) {
        var answer = call("GET", "/api/analytics/totals?from=2026-01-01&to="
                + java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")), agentToken(tenant), null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendEdited(TestTenant tenant, String provider, String folder, String fixture, Map<String, String> edits) {
        String body = new String(fixture(folder, fixture), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            body = body.replace(edit.getKey(), edit.getValue());
        }
        var signed = SampleSender.sign(provider, body.getBytes(StandardCharsets.UTF_8), secret(provider), Instant.now());
        var response = post("/webhooks/" + provider + "/" + tenant.endpointKey(provider), signed.body(), signed.headers());
        assertThat(response.statusCode()).as(provider + " " + fixture + ": " + response.body()).isEqualTo(200);
    }

    /** The replacement values that are people or words (not the provider ids, which are digits only). */
    private static List<String> values(Map<String, String> edits) {
        return edits.values().stream().filter(v -> !v.matches("\\d+")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> columnsHolding(String value) {
        return new DatabaseScan(jdbc).columnsHolding(value);
    }

    private static String marker() {
        StringBuilder tag = new StringBuilder("Qz");
        for (int i = 0; i < 6; i++) {
            tag.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return tag.toString();
    }

    private static String digits(int length) {
        StringBuilder id = new StringBuilder("9");
        while (id.length() < length) {
            id.append(ThreadLocalRandom.current().nextInt(10));
        }
        return id.toString();
    }
}
