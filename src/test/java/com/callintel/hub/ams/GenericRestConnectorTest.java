package com.callintel.hub.ams;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.callintel.hub.sandbox.ams.AmsSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.GenericRestAmsSimulator;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.sandbox.ams.SimulatedClient;
import com.callintel.hub.support.AmsConnectorContract;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic REST AMS connector as the sandbox REST AMS declares its contract (AMS type generic-rest; EZLynx has
 * its own connector, EzLynxConnectorTest) keeps the AMS connector contract - an ended call is one note on the
 * caller's applicant, later content one "Update: " note - and, beyond it, compares numbers as the hub reads them:
 * a withheld number is never looked up, and numbers typed without a country code are read in the connection's region.
 */
class GenericRestConnectorTest extends HubIntegrationTest implements AmsConnectorContract {

    private static final String NOTES_OF_MARCUS = "/v1/applicants/000000000000010453/notes";
    private static final String SETTINGS = "{\"maxNoteLength\":4000}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    GenericRestAmsSimulator restAms;

    @Override
    public AmsSimulator ams() {
        return restAms;
    }

    @Override
    public void connect(TestTenant tenant) {
        connectGenericRest(tenant, SETTINGS);
    }

    /** The connection allows longer notes than the AMS takes (4000 characters): the AMS answers 400. */
    @Override
    public void connectSoTheAmsRefusesTheWrite(TestTenant tenant) {
        String longTemplate = "{Direction} call {fromTo} " + "x".repeat(4500);
        connectGenericRest(tenant, "{\"maxNoteLength\":8000,\"callNoteTemplate\":\"" + longTemplate + "\"}");
    }

    @Override
    public void assertRefusalReason(String lastError) {
        assertThat(lastError).contains("HTTP 400").as("the AMS's answer stays in the operator log").doesNotContain("Must be at most");
    }

    @Override
    public String amsIdOf(SimulatedClient client) {
        return GenericRestAmsSimulator.applicantId(client);
    }

    /** The rows of the contract's typed-number scenario: (caller, sandbox client id, how the agency typed it). */
    static Stream<Arguments> numbersAsAgenciesTypedThem() {
        return Stream.of(
                Arguments.of("+15555550188", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7102", "555.555.0188 x12"),
                Arguments.of("+15555550142", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103", "1-555-555-0142"),
                Arguments.of("+15555550123", MARCUS_BELL, "5555550123 and (555) 555-0123"),
                Arguments.of("+15555550179", GRACE_OKAFOR, "555-555-0179 ext. 3"),
                Arguments.of("+15555550178", SAM_OKAFOR, "+1 (555) 555-0178"));
    }

    /** The REST AMS is asked in E.164. */
    @Override
    public String lookupNumberFor(String caller) {
        return caller;
    }

    @Override
    public String lookupNumberIn(ReceivedRequest lookup) {
        String query = String.valueOf(lookup.query());
        return query.startsWith("phone=") ? URLDecoder.decode(query.substring("phone=".length()), StandardCharsets.UTF_8) : null;
    }

    @Override
    public boolean isLookup(ReceivedRequest request) {
        return request.method().equals("GET") && request.path().equals(GenericRestAmsSimulator.SEARCH_PATH);
    }

    @Override
    public boolean isWrite(ReceivedRequest request) {
        return request.method().equals("POST") && request.path().endsWith("/notes");
    }

    @Override
    public boolean isTokenRequest(ReceivedRequest request) {
        return request.method().equals("POST") && request.path().equals(GenericRestAmsSimulator.TOKEN_PATH);
    }

    @Test
    void endedCallIsSentAsTheRestContractDeclares() throws Exception {
        TestTenant tenant = newTenant();
        connectGenericRest(tenant, SETTINGS);
        sendZoomCallFrom(tenant, "+15555550123", "rest-call");
        awaitSyncsSettled(tenant, SETTLE);

        CreatedRecord note = notes().stream().findFirst().orElseThrow(() -> new AssertionError("no note was created"));
        assertThat(syncs(tenant)).singleElement().satisfies(sync -> assertThat(sync.get("ams_record_id")).isEqualTo(note.id()));
        assertThat(requests("GET", GenericRestAmsSimulator.SEARCH_PATH)).singleElement()
                .satisfies(search -> assertThat(search.header("Authorization")).isEqualTo("Bearer ***"));
        ReceivedRequest written = only(requests("POST", NOTES_OF_MARCUS));
        assertThat(written.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(written.body());
        assertThat(body.path("Body").asText()).isEqualTo(note.text());
        assertThat(body.path("Subject").asText()).startsWith("Inbound call Marcus Bell +1 555-555-0123");
        assertThat(only(requests("POST", GenericRestAmsSimulator.TOKEN_PATH)).body())
                .contains("grant_type=client_credentials").contains("client_id=sandbox-ezlynx-client");
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

    /** Connects the tenant's organization to the sandbox EZLynx-shaped AMS, as an admin would. */
    private void connectGenericRest(TestTenant tenant, String settings) {
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"generic-rest\","
                + "\"baseUrl\":\"" + restAms.baseUrl() + "\",\"credentials\":"
                + "{\"clientId\":\"sandbox-ezlynx-client\",\"clientSecret\":\"sandbox-ezlynx-secret\"},"
                + "\"settings\":" + settings + "}");
        if (response.statusCode() != 200) {
            throw new AssertionError("could not connect the AMS: " + response.body());
        }
    }


    private List<CreatedRecord> notes() {
        return restAms.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.NOTE).toList();
    }

    private List<ReceivedRequest> requests(String method, String path) {
        return restAms.received().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private static ReceivedRequest only(List<ReceivedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
