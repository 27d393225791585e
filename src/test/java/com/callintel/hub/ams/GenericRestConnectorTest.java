package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.callintel.hub.sandbox.ams.AmsSandboxData;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.GenericRestAmsSimulator;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic REST AMS connector as the sandbox REST AMS declares its contract (AMS type generic-rest; EZLynx has
 * its own connector, EzLynxConnectorTest): each ended call is matched
 * live by the caller's number, numbers compared as the hub reads them, and written once as a note on the
 * applicant; later content is one "Update: " note; several or no matches write nothing.
 */
class GenericRestConnectorTest extends HubIntegrationTest {

    private static final String MARCUS_BELL = "000000000000010453";
    /** Marcus Bell in the simulator's client book, which names the client of each created note. */
    private static final String MARCUS_BELL_RECORD = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    private static final String NOTES_OF_MARCUS = "/v1/applicants/" + MARCUS_BELL + "/notes";
    private static final String SETTINGS = "{\"maxNoteLength\":4000}";
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    GenericRestAmsSimulator ezlynx;

    @BeforeEach
    void cleanSimulator() {
        ezlynx.clearRecords();
        ezlynx.faults().clear();
    }

    @AfterEach
    void noFaultsLeftBehind() {
        ezlynx.faults().clear();
    }

    @Test
    void endedCallBecomesOneNoteOnTheCallersApplicant() throws Exception {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-completed.json"}) {
            send(tenant, "zoom", "zoom", f);
        }
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        CreatedRecord note = notes().stream().findFirst().orElseThrow(() -> new AssertionError("no note was created"));
        assertThat(notes()).hasSize(1);
        assertThat(note.clientId()).isEqualTo(MARCUS_BELL_RECORD);
        assertThat(note.text())
                .contains("Inbound call from Marcus Bell +1 555-555-0123")
                .contains("Agent: Dana Whitfield")
                .contains("Mon 2 Mar 2026 09:04 CST")
                .contains("Duration: 5m 30s")
                .contains("Outcome: answered");
        assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
            assertThat(sync.get("status")).isEqualTo("synced");
            assertThat(sync.get("target_id")).isEqualTo(MARCUS_BELL);
            assertThat(sync.get("ams_record_id")).isEqualTo(note.id());
        });

        // one search for the screen pop while the call rang, one for the note
        org.awaitility.Awaitility.await().atMost(SETTLE).until(() -> requests("GET", GenericRestAmsSimulator.SEARCH_PATH).size() == 2);
        assertThat(requests("GET", GenericRestAmsSimulator.SEARCH_PATH)).hasSize(2).allSatisfy(search -> {
            assertThat(search.query()).isEqualTo("phone=%2B15555550123");
            assertThat(search.header("Authorization")).isEqualTo("Bearer ***");
        });
        ReceivedRequest written = only(requests("POST", NOTES_OF_MARCUS));
        assertThat(written.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(written.body());
        assertThat(body.path("Body").asText()).isEqualTo(note.text());
        assertThat(body.path("Subject").asText()).startsWith("Inbound call Marcus Bell +1 555-555-0123");
        assertThat(ezlynx.received()).allSatisfy(r -> assertThat(r.headers().keySet())
                .as("no hub or Camel header leaks to the AMS")
                .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("callintel") || h.toLowerCase(Locale.ROOT).startsWith("camel")));
        assertThat(only(requests("POST", GenericRestAmsSimulator.TOKEN_PATH)).body())
                .contains("grant_type=client_credentials").contains("client_id=sandbox-ezlynx-client");
    }

    @Test
    void contentArrivingLaterIsOneUpdateNoteNeverASecondCopy() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);
        send(tenant, "dialpad", "dialpad", "recap-summary.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        List<CreatedRecord> notes = notes();
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n.clientId()).isEqualTo(MARCUS_BELL_RECORD));
        assertThat(notes.get(0).text()).doesNotStartWith("Update: ").doesNotContain("17-year-old son");
        assertThat(notes.get(1).text()).startsWith("Update: ").contains("17-year-old son");
        assertThat(requests("POST", NOTES_OF_MARCUS)).hasSize(2);
        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("synced");
            assertThat(s.get("ams_record_id")).as("the record stays the first note").isEqualTo(notes.get(0).id());
        });
    }

    @ParameterizedTest(name = "{0} typed by the agency as {2}")
    @CsvSource({
            "+15555550188, 000000000000010454, '555.555.0188 x12'",
            "+15555550142, 000000000000010455, '1-555-555-0142'",
            "+15555550123, 000000000000010453, '5555550123 and (555) 555-0123'",
            "+15555550179, 000000000000010457, '555-555-0179 ext. 3'",
            "+15555550178, 000000000000010456, '+1 (555) 555-0178'"})
    void callerIsFoundWhateverFormatTheAgencyTypedTheNumberIn(String caller, String applicant, String typed) {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        sendZoomCallFrom(tenant, caller, "call-" + caller);
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).as(typed).isEqualTo("synced");
            assertThat(s.get("target_id")).isEqualTo(applicant);
        });
        assertThat(requests("POST", "/v1/applicants/" + applicant + "/notes")).hasSize(1);
        assertThat(notes()).hasSize(1);
    }

    @Test
    void severalApplicantsWithTheNumberWaitForAChoiceAndNothingIsWritten() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, "household-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("needs_choice");
            assertThat((String) s.get("candidates")).contains("Sam Okafor").contains("Grace Okafor")
                    .contains("000000000000010456").contains("000000000000010457");
        });
        assertThat(notes()).isEmpty();
        assertThat(ezlynx.received()).noneMatch(r -> r.method().equals("POST") && r.path().endsWith("/notes"));
    }

    @Test
    void unknownNumberIsUnmatchedAndNothingIsWritten() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        sendZoomCallFrom(tenant, "+15555550999", "stranger-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
        assertThat(only(requests("GET", GenericRestAmsSimulator.SEARCH_PATH)).query()).isEqualTo("phone=%2B15555550999");
        assertThat(notes()).isEmpty();
    }

    @Test
    void withheldNumberIsUnmatchedWithoutAskingTheAms() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        sendZoomCallFrom(tenant, "anonymous", "withheld-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
        assertThat(requests("GET", GenericRestAmsSimulator.SEARCH_PATH)).isEmpty();
        assertThat(notes()).isEmpty();
    }

    @Test
    void numbersTypedWithoutCountryCodeAreReadInTheConnectionsRegion() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, "{\"maxNoteLength\":4000,\"region\":\"GB\"}");
        // typed "(555) 555-0123" and "5555550123": read as British numbers, they are not this American caller
        sendZoomCallFrom(tenant, "+15555550123", "uk-agency-call");
        // typed "+1 (555) 555-0178": the country code makes it the caller's in any region
        sendZoomCallFrom(tenant, "+15555550178", "uk-agency-call-2");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).extracting(s -> s.get("status")).containsExactly("unmatched", "synced");
        assertThat(requests("GET", GenericRestAmsSimulator.SEARCH_PATH)).as("the AMS did find Marcus Bell").hasSize(2);
        assertThat(notes()).singleElement().satisfies(n -> assertThat(n.text()).contains("+1 555-555-0178"));
    }

    @Test
    void expiredTokenIsRenewedOnceAndTheNoteStillLandsOnce() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        sendZoomCallFrom(tenant, "+15555550123", "first-call");
        awaitSyncsSettled(tenant, SETTLE);
        ezlynx.expireAllTokens();
        sendZoomCallFrom(tenant, "+15555550123", "second-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).hasSize(2).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(notes()).hasSize(2);
        assertThat(requests("POST", GenericRestAmsSimulator.TOKEN_PATH)).as("one fresh token after the old one was refused")
                .hasSize(2);
        assertThat(requests("GET", GenericRestAmsSimulator.SEARCH_PATH)).as("the refused search was made again").hasSize(3);
        assertThat(requests("POST", NOTES_OF_MARCUS)).hasSize(2);
    }

    @Test
    void noteTheAmsRefusesIsDeadLetteredWithTheReason() {
        TestTenant tenant = newTenant();
        // the connection allows longer notes than the AMS takes (4000 characters): the AMS answers 400
        String longTemplate = "{Direction} call {fromTo} " + "x".repeat(4500);
        connectGenericRest(tenant, "{\"maxNoteLength\":8000,\"callNoteTemplate\":\"" + longTemplate + "\"}");
        sendZoomCallFrom(tenant, "+15555550123", "refused-call");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertThat((String) s.get("last_error")).contains("HTTP 400")
                    .as("the AMS's answer stays in the operator log").doesNotContain("Must be at most");
        });
        assertThat(requests("POST", NOTES_OF_MARCUS)).as("a refusal is not retried").hasSize(1);
        assertThat(notes()).isEmpty();
    }

    @Test
    void throttledNoteIsRetriedAfterItsRetryAfterAndLandsOnce() {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);
        ezlynx.clearRecords();
        // the follow-up needs no search and the token is cached: the 429 meets the note POST, which camel-http
        // does not repeat by itself (its HTTP client repeats a throttled GET once), so the hub's retry is tested
        ezlynx.faults().throttleNext(1, Duration.ofSeconds(1));
        send(tenant, "dialpad", "dialpad", "recap-summary.json");
        awaitProcessed(tenant);
        awaitSyncsSettled(tenant, SETTLE);

        List<ReceivedRequest> posts = requests("POST", NOTES_OF_MARCUS);
        assertThat(posts).as("the throttled note was sent again").hasSize(2);
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).as("not before Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(notes()).singleElement().satisfies(n -> assertThat(n.text()).startsWith("Update: "));
        assertThat(syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
    }

    /** Connects the tenant's organization to the sandbox EZLynx-shaped AMS, as an admin would. */
    private void connectGenericRest(TestTenant tenant, String settings) {
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"generic-rest\","
                + "\"baseUrl\":\"" + ezlynx.baseUrl() + "\",\"credentials\":"
                + "{\"clientId\":\"sandbox-ezlynx-client\",\"clientSecret\":\"sandbox-ezlynx-secret\"},"
                + "\"settings\":" + settings + "}");
        if (response.statusCode() != 200) {
            throw new AssertionError("could not connect the AMS: " + response.body());
        }
    }


    private List<CreatedRecord> notes() {
        return ezlynx.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.NOTE).toList();
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return ezlynx.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private static ReceivedRequest only(List<ReceivedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
