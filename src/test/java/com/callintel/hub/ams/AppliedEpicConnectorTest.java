package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;

import com.callintel.hub.sandbox.ams.AmsSandboxData;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applied Epic: each ended call is matched live by the caller's number and written once as an activity with
 * its note; later content is a follow-up note on the same activity; several or no matches write nothing.
 */
class AppliedEpicConnectorTest extends HubIntegrationTest {

    private static final String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Test
    void endedCallBecomesOneActivityWithItsNoteOnTheCallersClient() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-completed.json"}) {
            send(tenant, "zoom", "zoom", f);
        }
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
            assertThat(sync.get("status")).isEqualTo("synced");
            assertThat(sync.get("target_id")).isEqualTo(MARCUS_BELL);
            assertThat(sync.get("synced_at")).isNotNull();
        });
        List<CreatedRecord> activities = created(CreatedRecord.Kind.ACTIVITY);
        assertThat(activities).singleElement().satisfies(a -> assertThat(a.clientId()).isEqualTo(MARCUS_BELL));
        assertThat(created(CreatedRecord.Kind.NOTE)).singleElement().satisfies(note -> assertThat(note.text())
                .contains("Inbound call from Marcus Bell +1 555-555-0123")
                .contains("Agent: Dana Whitfield")
                .contains("Mon 2 Mar 2026 09:04 CST")
                .contains("Duration: 5m 30s")
                .contains("Outcome: answered"));
        var search = epic.received().stream().filter(r -> r.path().endsWith("/accounts/search")).findFirst().orElseThrow();
        assertThat(search.query()).contains("phoneNumber=%2B15555550123");
    }

    @Test
    void contentArrivingLaterIsOneFollowUpNoteNeverASecondActivity() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);
        send(tenant, "dialpad", "dialpad", "recap-summary.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        List<CreatedRecord> activities = created(CreatedRecord.Kind.ACTIVITY);
        assertThat(activities).hasSize(1);
        List<CreatedRecord> notes = created(CreatedRecord.Kind.NOTE);
        assertThat(notes).hasSize(2);
        assertThat(notes.get(1).parentId()).isEqualTo(activities.get(0).id());
        assertThat(notes.get(1).text()).startsWith("Update: ").contains("17-year-old son");
        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
    }

    @Test
    void smsBecomesANoteOnTheSendersClient() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        send(tenant, "zoom", "zoom", "sms-inbound.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(created(CreatedRecord.Kind.NOTE)).singleElement()
                .satisfies(n -> assertThat(n.text()).contains("text message").contains("Hi, can you send my auto ID card?"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).singleElement().satisfies(a -> assertThat(a.clientId()).isEqualTo(MARCUS_BELL));
    }

    @ParameterizedTest(name = "{0} stored as typed by the agency")
    @CsvSource({
            "+15555550188, 1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7102, work number with an extension (555.555.0188 x12)",
            "+15555550142, 1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103, country code typed (1-555-555-0142)",
            "+15555550149, 1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103, an 'other' phone field",
            "+15555550178, 1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7104, mobile with punctuation (+1 (555) 555-0178)"})
    void callerIsFoundWhateverFormatTheAgencyTypedTheNumberIn(String caller, String client, String why) {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, caller, "call-" + caller);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).as(why).isEqualTo("synced");
            assertThat(s.get("target_id")).isEqualTo(client);
        });
    }

    @Test
    void severalClientsWithTheNumberWaitForAChoiceAndNothingIsWritten() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, "household-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("needs_choice");
            assertThat((String) s.get("candidates")).contains("Sam Okafor").contains("Grace Okafor");
        });
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).isEmpty();
    }

    @Test
    void organizationThatChoseFirstMatchGetsTheNoteOnTheFirstClient() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, "\"severalMatches\":\"first\"");
        sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, "household-first");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
    }

    @Test
    void internationalCallerIsLookedUpInE164() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+442079460018", "london-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
        assertThat(epic.received()).anySatisfy(r -> assertThat(r.query()).contains("phoneNumber=%2B442079460018"));
    }

    @Test
    void agentPicksOneOfSeveralClientsAndTheNoteGoesThere() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, "household-pick");
        awaitSyncsSettled(tenant, SETTLE);
        long syncId = ((Number) syncs(tenant).get(0).get("id")).longValue();
        String grace = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7105";

        assertThat(call("POST", "/api/ams-syncs/" + syncId + "/target", agentToken(tenant),
                "{\"targetId\":\"" + MARCUS_BELL + "\"}").statusCode()).as("not one of the candidates").isEqualTo(404);
        assertThat(call("POST", "/api/ams-syncs/" + syncId + "/target", agentToken(tenant),
                "{\"targetId\":\"" + grace + "\"}").statusCode()).isEqualTo(202);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("synced");
            assertThat(s.get("target_id")).isEqualTo(grace);
        });
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).singleElement().satisfies(a -> assertThat(a.clientId()).isEqualTo(grace));
    }

    @Test
    void unmatchedCallAssignedLaterIsWrittenThen() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550998", "stranger-assigned");
        awaitSyncsSettled(tenant, SETTLE);
        long syncId = ((Number) syncs(tenant).get(0).get("id")).longValue();
        assertThat(call("GET", "/api/calls", agentToken(tenant), null).body()).contains("\"amsStatus\":\"unmatched\"");

        assertThat(call("POST", "/api/ams-syncs/" + syncId + "/target", agentToken(tenant),
                "{\"targetId\":\"" + MARCUS_BELL + "\"}").statusCode()).isEqualTo(202);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).singleElement().satisfies(a -> assertThat(a.clientId()).isEqualTo(MARCUS_BELL));
    }

    @Test
    void adminRetriesADeadLetteredSyncOnceTheCauseIsFixed() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, "\"ownerId\":\"no-such-employee\"");
        sendZoomCallFrom(tenant, "+15555550123", "fixed-later");
        awaitSyncsSettled(tenant, SETTLE);
        long syncId = ((Number) syncs(tenant).get(0).get("id")).longValue();
        assertThat(call("POST", "/api/admin/ams-syncs/" + syncId + "/retry", agentToken(tenant), null).statusCode())
                .as("agents cannot").isEqualTo(403);

        connectAppliedEpic(tenant, epic, null);
        assertThat(call("POST", "/api/admin/ams-syncs/" + syncId + "/retry", adminToken(tenant), null).statusCode()).isEqualTo(202);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
    }

    @Test
    void unknownNumberIsUnmatchedAndNothingIsWritten() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550999", "stranger-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).isEmpty();
    }

    @Test
    void expiredTokenIsRenewedAndTheNoteStillLandsOnce() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "first-call");
        awaitSyncsSettled(tenant, SETTLE);
        epic.expireAllTokens();
        sendZoomCallFrom(tenant, "+15555550123", "second-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).hasSize(2).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(2);
        assertThat(epic.received().stream().filter(r -> r.path().endsWith("/auth/connect/token")).count())
                .as("a fresh token after the old one was refused").isEqualTo(2);
    }

    @Test
    void noteTheAmsRefusesIsDeadLetteredAndTheAdminsAreMailed() throws Exception {
        TestTenant tenant = newTenant();
        String alertAddress = "alerts-" + tenant.orgId() + "@agency.test";
        assertThat(call("PUT", "/api/admin/organization", adminToken(tenant), "{\"alertEmail\":\"" + alertAddress + "\"}")
                .statusCode()).isEqualTo(200);
        connectAppliedEpic(tenant, epic, "\"ownerId\":\"no-such-employee\"");
        sendZoomCallFrom(tenant, "+15555550123", "refused-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertThat((String) s.get("last_error")).contains("HTTP 400");
        });
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).isEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alertsTo(alertAddress).size() == 1);
        var mail = alertsTo(alertAddress).get(0);
        assertThat(mail.getSubject()).contains("could not be written to your AMS");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        assertThat(body).contains("HTTP 400").contains("/api/admin/ams-syncs/").doesNotContain("555").doesNotContain("Marcus");
    }

    private List<jakarta.mail.internet.MimeMessage> alertsTo(String address) {
        return java.util.Arrays.stream(mailbox.getReceivedMessages()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void throttledAmsIsRetriedAfterItsRetryAfter() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        epic.faults().throttleNext(1, Duration.ofSeconds(1));
        sendZoomCallFrom(tenant, "+15555550123", "throttled-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        List<String> paths = epic.received().stream().map(r -> r.path()).toList();
        assertThat(paths).as("the throttled call was made again").hasSizeGreaterThan((int) paths.stream().distinct().count());
    }

    @Test
    void tokenIsRequestedAsAppliedsGuideShowsIt() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "token-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        var token = epic.received().stream().filter(r -> r.path().equals(AppliedEpicSimulator.TOKEN_PATH)).findFirst()
                .orElseThrow();
        assertThat(token.header("Authorization")).as("HTTP Basic client credentials").isEqualTo("Basic ***");
        assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.body()).startsWith("grant_type=client_credentials&audience=api.myappliedproducts.com/epic")
                .doesNotContain("client_id").doesNotContain("client_secret");
    }

    @Test
    void noteIsWrittenWithTheAgencysGeneralLevelNotAConstant() {
        try (AppliedEpicSimulator agency = AppliedEpicSimulator.builder()
                .noteAccessLevels(levels("11", "General", "2", "Benefits")).build()) {
            agency.start();
            egress.allowSandboxSimulator(agency.baseUrl());
            TestTenant tenant = newTenant();
            connectAppliedEpic(tenant, agency, null);
            send(tenant, "dialpad", "dialpad", "inbound-completed.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);
            send(tenant, "dialpad", "dialpad", "recap-summary.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
            assertThat(agency.received().stream().filter(r -> r.method().equals("POST") && r.path().contains("/activities")))
                    .as("the activity's note and the follow-up note").hasSize(2)
                    .allSatisfy(r -> assertThat(r.body()).contains("\"accessLevel\":{\"id\":\"11\"}"));
            assertThat(call("GET", "/api/admin/ams-connection", adminToken(tenant), null).body())
                    .as("the level taken from the agency's list is kept with the connection")
                    .contains("\"noteAccessLevelId\":\"11\"");
        }
    }

    @Test
    void connectionTestListsTheAgencysNoteAccessLevelsAndKeepsThePick() {
        try (AppliedEpicSimulator agency = AppliedEpicSimulator.builder()
                .noteAccessLevels(levels("1", "HIPPA", "2", "Benefits")).build()) {
            agency.start();
            egress.allowSandboxSimulator(agency.baseUrl());
            TestTenant tenant = newTenant();
            connectAppliedEpic(tenant, agency, null);

            var listed = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(listed.body()).contains("\"ok\":true", "{\"id\":\"1\",\"description\":\"HIPPA\"}",
                    "{\"id\":\"2\",\"description\":\"Benefits\"}", "\"noteAccessLevelId\":null");
            var foreign = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{\"noteAccessLevelId\":\"6\"}");
            assertThat(foreign.statusCode()).isEqualTo(400);
            assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            var picked = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{\"noteAccessLevelId\":\"2\"}");
            assertThat(picked.body()).contains("\"noteAccessLevelId\":\"2\"");

            sendZoomCallFrom(tenant, "+15555550123", "picked-level-call");
            awaitSyncsSettled(tenant, SETTLE);
            assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
            assertThat(agency.received().stream().filter(r -> r.path().equals("/workflow-management/v1/activities")))
                    .singleElement().satisfies(r -> assertThat(r.body()).contains("\"accessLevel\":{\"id\":\"2\"}"));
        }
    }

    @Test
    void agencyWithoutAGeneralLevelGetsNoNoteUnderAGuessedLevel() {
        try (AppliedEpicSimulator agency = AppliedEpicSimulator.builder()
                .noteAccessLevels(levels("1", "HIPPA", "2", "Benefits")).build()) {
            agency.start();
            egress.allowSandboxSimulator(agency.baseUrl());
            TestTenant tenant = newTenant();
            connectAppliedEpic(tenant, agency, null);
            sendZoomCallFrom(tenant, "+15555550123", "unchosen-level-call");
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(syncs(tenant)).singleElement().satisfies(s -> {
                assertThat(s.get("status")).isEqualTo("dead");
                assertThat(s.get("last_error")).isEqualTo(AmsFailureReason.SETTINGS.text());
            });
            assertThat(agency.created()).isEmpty();
        }
    }

    @Test
    void anAppThatMayNotListAccessLevelsIsAnIncompleteSettingNotRefusedCredentials() {
        TestTenant tenant = newTenant();
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"applied-epic\","
                + "\"baseUrl\":\"" + epic.baseUrl() + "\",\"activityCode\":\"65536\",\"credentials\":"
                + "{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"fake-client-secret-0001\","
                + "\"scope\":\"epic/accounts:search epic/activity:write\"},\"settings\":"
                + "{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\",\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\","
                + "\"tokenUrl\":\"" + epic.tokenUrl() + "\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        sendZoomCallFrom(tenant, "+15555550123", "no-read-scope-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertThat(s.get("last_error")).isEqualTo(AmsFailureReason.SETTINGS.text());
        });
    }

    @Test
    void connectionTestOfAnAmsThatRefusesTheCredentialsIsAnAnswerInTheFixedVocabulary() {
        TestTenant tenant = newTenant();
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"applied-epic\","
                + "\"baseUrl\":\"" + epic.baseUrl() + "\",\"activityCode\":\"65536\",\"credentials\":"
                + "{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"wrong\"},\"settings\":"
                + "{\"tokenUrl\":\"" + epic.tokenUrl() + "\"}}");
        assertThat(response.statusCode()).isEqualTo(200);

        var tested = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("\"ok\":false", AmsFailureReason.CREDENTIALS_REFUSED.text())
                .doesNotContain("invalid_client");
        assertThat(call("POST", "/api/admin/ams-connection/test", agentToken(tenant), "{}").statusCode())
                .as("an agent may not test (or pick a level for) the connection").isEqualTo(403);
    }

    private static java.util.Map<String, String> levels(String id1, String description1, String id2, String description2) {
        java.util.Map<String, String> levels = new java.util.LinkedHashMap<>();
        levels.put(id1, description1);
        levels.put(id2, description2);
        return levels;
    }

    private List<CreatedRecord> created(CreatedRecord.Kind kind) {
        return epic.created().stream().filter(r -> r.kind() == kind).toList();
    }

}
