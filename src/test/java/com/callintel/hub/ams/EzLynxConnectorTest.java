package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.EzLynxSimulator;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EZLynx (contract from public client evidence) against its simulator: no phone search, so an ended call waits
 * for the agent to name the applicant; the hub confirms that applicant live by its phone fields before writing,
 * writes the note on the applicant's CallIntel discussion (made once, then reused) without any dialable number,
 * and authenticates with the EZToken session or the vendor_data_access gateway.
 */
class EzLynxConnectorTest extends HubIntegrationTest {

    /** Marcus Bell (+1 555-555-0123) and Priya Nandakumar in the simulator's book, by their EZLynx ids. */
    private static final String MARCUS_BELL = "220210453";
    private static final String PRIYA_NANDAKUMAR = "220210454";
    private static final String MARCUS_BELL_RECORD = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired
    EzLynxSimulator ezlynx;

    @BeforeEach
    void cleanSimulator() {
        ezlynx.clearRecords();
        ezlynx.clearDiscussions();
        ezlynx.faults().clear();
    }

    @Test
    void endedCallWaitsForTheApplicantThenGoesToANewCallIntelDiscussionWithoutADialableNumber() {
        TestTenant tenant = newTenant();
        connect(tenant, ezTokenCredentials(), "{\"authScheme\":\"eztoken\"}");
        sendZoomCallFrom(tenant, "+15555550123", "ezlynx-call-1");
        awaitSyncsSettled(tenant, SETTLE);

        Map<String, Object> sync = syncs(tenant).get(0);
        assertThat(sync.get("status")).isEqualTo("unmatched");
        assertThat(ezlynx.received()).as("no phone search exists: EZLynx is not asked").isEmpty();

        assertThat(target(tenant, sync, MARCUS_BELL).statusCode()).isEqualTo(202);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("synced");
            assertThat(s.get("target_id")).isEqualTo(MARCUS_BELL);
        });
        assertThat(ezlynx.discussions()).singleElement().satisfies(d -> {
            assertThat(d.get("applicantId")).isEqualTo(MARCUS_BELL);
            assertThat(d.get("title")).isEqualTo("CallIntel calls");
            assertThat(String.valueOf(d.get("id"))).isEqualTo(syncs(tenant).get(0).get("ams_record_id"));
        });
        CreatedRecord note = only(notes());
        assertThat(note.clientId()).isEqualTo(MARCUS_BELL_RECORD);
        assertThat(note.text()).contains("Marcus Bell").contains("(number ending 0123)")
                .doesNotContain("555-555-0123").doesNotContainPattern(EzLynxSimulator.PHONE_LIKE);

        ReceivedRequest authenticate = only(requests("GET", EzLynxSimulator.AUTHENTICATE_PATH));
        assertThat(authenticate.headers()).containsKeys("Ezuser", "Ezpassword", "Ezappsecret");
        assertThat(requests("GET", EzLynxSimulator.APPLICANT_PATH + MARCUS_BELL)).hasSize(1)
                .allSatisfy(r -> assertThat(r.headers()).containsKeys("Eztoken", "Ezappsecret", "Accountusername"));
        assertThat(requests("GET", EzLynxSimulator.DISCUSSIONS_PATH + "/by-applicant")).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("applicantId=" + MARCUS_BELL));
        assertThat(requests("POST", EzLynxSimulator.DISCUSSIONS_PATH + "/with-note")).hasSize(1);
    }

    @Test
    void applicantWithoutTheCallersNumberIsNeverWrittenToAndTheSyncWaitsForAnotherChoice() {
        TestTenant tenant = newTenant();
        connect(tenant, ezTokenCredentials(), "{}");
        sendZoomCallFrom(tenant, "+15555550123", "ezlynx-call-2");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(target(tenant, syncs(tenant).get(0), PRIYA_NANDAKUMAR).statusCode()).isEqualTo(202);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("unmatched");
            assertThat(s.get("target_id")).isNull();
            assertThat(s.get("last_error")).isEqualTo(AmsFailureReason.TARGET_MISMATCH.text());
        });
        assertThat(requests("GET", EzLynxSimulator.APPLICANT_PATH + PRIYA_NANDAKUMAR)).hasSize(1);
        assertThat(notes()).isEmpty();
        assertThat(ezlynx.received()).noneMatch(r -> r.method().equals("POST"));
    }

    @Test
    void gatewaySchemeAsksForVendorDataAccessAndAddsToTheApplicantsExistingDiscussion() {
        TestTenant tenant = newTenant();
        long existing = ezlynx.seedDiscussion(MARCUS_BELL, "CallIntel calls");
        connect(tenant, "{\"clientId\":\"fake-ezlynx-client\",\"clientSecret\":\"fake-ezlynx-client-secret\","
                + "\"username\":\"sandbox.agent\",\"integrationGroupId\":\"fake-integration-group\"}",
                "{\"authScheme\":\"vendor-data-access\",\"noteNumbers\":\"omit\"}");
        sendZoomCallFrom(tenant, "+15555550123", "ezlynx-call-3");
        awaitSyncsSettled(tenant, SETTLE);
        target(tenant, syncs(tenant).get(0), MARCUS_BELL);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("synced");
            assertThat(s.get("ams_record_id")).isEqualTo(Long.toString(existing));
        });
        ReceivedRequest token = only(requests("POST", EzLynxSimulator.TOKEN_PATH));
        assertThat(token.body()).contains("grant_type=vendor_data_access").contains("username=sandbox.agent")
                .contains("integration_group_id=fake-integration-group").contains("scope=DiscussionApi+openid")
                .doesNotContain("client_credentials");
        assertThat(only(requests("POST", EzLynxSimulator.DISCUSSIONS_PATH + "/" + existing + "/notes")).body())
                .contains("\"type\":\"Note\"").contains("(number left out)");
        assertThat(requests("POST", EzLynxSimulator.DISCUSSIONS_PATH + "/with-note")).isEmpty();
        assertThat(ezlynx.discussions()).hasSize(1);
    }

    /**
     * At least once, not exactly once: EZLynx publishes no note listing to read back, so a note whose answer was
     * lost is written again - on the same discussion (found by its title), both notes carrying the same ref so a
     * person can tell them apart from two calls.
     */
    @Test
    void noteWhoseAnswerWasLostIsWrittenAgainOnTheSameDiscussionWithTheSameRef() {
        TestTenant tenant = newTenant();
        connect(tenant, ezTokenCredentials(), "{}");
        sendZoomCallFrom(tenant, "+15555550123", "ezlynx-call-lost");
        awaitSyncsSettled(tenant, SETTLE);
        ezlynx.faults().loseAnswerOfNextWrites(1);
        target(tenant, syncs(tenant).get(0), MARCUS_BELL);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(ezlynx.discussions()).as("the retry found the discussion the lost answer made").singleElement()
                .satisfies(d -> assertThat(String.valueOf(d.get("id"))).isEqualTo(syncs(tenant).get(0).get("ams_record_id")));
        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
        List<CreatedRecord> notes = notes();
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n.parentId()).isEqualTo(notes.get(0).parentId()));
        assertThat(ref(notes.get(0).text())).isNotNull().isEqualTo(ref(notes.get(1).text()));
        assertThat(requests("POST", EzLynxSimulator.DISCUSSIONS_PATH + "/with-note")).hasSize(1);
        assertThat(ezlynx.received()).as("nothing is read back: no listing of notes is asked")
                .noneMatch(r -> r.method().equals("GET") && r.path().endsWith("/notes"));
    }

    private static String ref(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("CallIntel ref: (\\S+)").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void refusedCredentialsDeadLetterTheSyncWithTheVocabularyReason() {
        TestTenant tenant = newTenant();
        connect(tenant, ezTokenCredentials().replace("fake-ezlynx-password", "wrong"), "{}");
        sendZoomCallFrom(tenant, "+15555550123", "ezlynx-call-4");
        awaitSyncsSettled(tenant, SETTLE);
        target(tenant, syncs(tenant).get(0), MARCUS_BELL);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertThat(s.get("last_error")).isEqualTo(AmsFailureReason.CREDENTIALS_REFUSED.text());
        });
        assertThat(notes()).isEmpty();
        var tested = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
        assertThat(tested.body()).contains("\"ok\":false").contains(AmsFailureReason.CREDENTIALS_REFUSED.text());
    }

    @Test
    void connectionTestAuthenticatesInEitherScheme() {
        TestTenant tenant = newTenant();
        connect(tenant, ezTokenCredentials(), "{}");
        var tested = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
        assertThat(tested.body()).contains("\"ok\":true", "\"authScheme\":\"eztoken\"");

        connect(tenant, "{\"clientId\":\"fake-ezlynx-client\",\"clientSecret\":\"fake-ezlynx-client-secret\","
                + "\"username\":\"sandbox.agent\"}", "{\"authScheme\":\"vendor-data-access\"}");
        var incomplete = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
        assertThat(incomplete.body()).as("no integrationGroupId").contains("\"ok\":false")
                .contains(AmsFailureReason.SETTINGS.text());
        assertThat(requests("POST", EzLynxSimulator.TOKEN_PATH)).isEmpty();
    }

    private String ezTokenCredentials() {
        return "{\"username\":\"sandbox.agent\",\"password\":\"fake-ezlynx-password\",\"appSecret\":\"fake-ezlynx-app-secret\"}";
    }

    private void connect(TestTenant tenant, String credentials, String settings) {
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"ezlynx\",\"baseUrl\":\""
                + ezlynx.baseUrl() + "\",\"credentials\":" + credentials + ",\"settings\":" + settings + "}");
        if (response.statusCode() != 200) {
            throw new AssertionError("could not connect the AMS: " + response.body());
        }
    }

    private java.net.http.HttpResponse<String> target(TestTenant tenant, Map<String, Object> sync, String applicantId) {
        return call("POST", "/api/ams-syncs/" + sync.get("id") + "/target", agentToken(tenant),
                "{\"targetId\":\"" + applicantId + "\"}");
    }

    private List<CreatedRecord> notes() {
        return ezlynx.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.NOTE).toList();
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return ezlynx.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
