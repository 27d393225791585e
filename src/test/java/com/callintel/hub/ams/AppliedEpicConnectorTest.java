package com.callintel.hub.ams;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.callintel.hub.sandbox.ams.AmsSandboxData;
import com.callintel.hub.sandbox.ams.AmsSimulator;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.sandbox.ams.SimulatedClient;
import com.callintel.hub.support.AmsConnectorContract;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applied Epic keeps the AMS connector contract (an ended call is one activity with its note on the caller's client;
 * later content a follow-up note on the same activity) and, beyond it: an agent or admin settles what the lookup
 * could not (a choice among several clients, a number not found, a dead-lettered sync), and notes are written
 * with the agency's own access level.
 */
class AppliedEpicConnectorTest extends HubIntegrationTest implements AmsConnectorContract {

    @Override
    public AmsSimulator ams() {
        return epic;
    }

    @Override
    public void connect(TestTenant tenant) {
        connectAppliedEpic(tenant, epic, null);
    }

    /** An owner the agency's Epic has no employee for. */
    @Override
    public void connectSoTheAmsRefusesTheWrite(TestTenant tenant) {
        connectAppliedEpic(tenant, epic, "\"ownerId\":\"no-such-employee\"");
    }

    @Override
    public void assertRefusalReason(String lastError) {
        assertThat(lastError).contains("HTTP 400");
    }

    @Override
    public String amsIdOf(SimulatedClient client) {
        return client.id();
    }

    /** The rows of the contract's typed-number scenario: (caller, sandbox client id, how the agency typed it). */
    static Stream<Arguments> numbersAsAgenciesTypedThem() {
        return Stream.of(
                Arguments.of("+15555550188", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7102", "work number with an extension (555.555.0188 x12)"),
                Arguments.of("+15555550142", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103", "country code typed (1-555-555-0142)"),
                Arguments.of("+15555550149", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103", "an 'other' phone field"),
                Arguments.of("+15555550178", SAM_OKAFOR, "mobile with punctuation (+1 (555) 555-0178)"));
    }

    /** Applied Epic is asked in E.164. */
    @Override
    public String lookupNumberFor(String caller) {
        return caller;
    }

    @Override
    public String lookupNumberIn(ReceivedRequest lookup) {
        return queryParameter(lookup, "phoneNumber");
    }

    @Override
    public boolean isLookup(ReceivedRequest request) {
        return request.path().endsWith("/accounts/search");
    }

    @Override
    public boolean isWrite(ReceivedRequest request) {
        return request.method().equals("POST") && request.path().contains("/activities");
    }

    @Override
    public boolean isTokenRequest(ReceivedRequest request) {
        return request.path().equals(AppliedEpicSimulator.TOKEN_PATH);
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

    private static String queryParameter(ReceivedRequest request, String name) {
        return java.util.Arrays.stream(String.valueOf(request.query()).split("&"))
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

}
