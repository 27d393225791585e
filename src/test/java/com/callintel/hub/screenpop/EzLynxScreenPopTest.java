package com.callintel.hub.screenpop;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.EzLynxSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screen pop of an AMS without a phone search (EZLynx): the pop asks the agent for the applicant instead of
 * searching, the applicant id the agent enters is confirmed live by its phone fields, and the call's note then goes
 * to it; an applicant without the caller's number is refused and nothing is written there.
 */
class EzLynxScreenPopTest extends ScreenPopTestSupport {

    private static final String MARCUS_BELL_APPLICANT = "220210453";
    private static final String PRIYA_APPLICANT = "220210454";

    @Autowired
    EzLynxSimulator ezlynx;

    @BeforeEach
    void cleanEzLynx() {
        ezlynx.clearRecords();
        ezlynx.clearDiscussions();
    }

    @Test
    void agentEntersTheApplicantIdTheHubConfirmsItLiveAndTheNoteGoesThere() throws Exception {
        TestTenant tenant = newTenant();
        HttpResponse<String> connected = call("PUT", "/api/admin/ams-connection", adminToken(tenant),
                "{\"type\":\"ezlynx\",\"baseUrl\":\"" + ezlynx.baseUrl() + "\",\"credentials\":{\"username\":\"sandbox.agent\","
                        + "\"password\":\"fake-ezlynx-password\",\"appSecret\":\"fake-ezlynx-app-secret\"}}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        String callId = "7412000000000000901";
        long popId;
        try (SseClient stream = stream(tenant, agentToken(tenant), null)) {
            ring(tenant, "+15555550123", callId);
            SseClient.Event pop = stream.next(WAIT);
            assertThat(pop).as("a pop within " + WAIT).isNotNull();
            assertThat(pop.data().path("namesRecord").asBoolean()).isTrue();
            assertThat(pop.data().path("amsType").asText()).isEqualTo("ezlynx");
            assertThat(pop.data().path("candidates")).isEmpty();
            popId = pop.id();
        }
        assertThat(ezlynx.received()).as("no phone search: the ringing call asks EZLynx nothing").isEmpty();

        HttpResponse<String> wrong = call("POST", "/api/screen-pops/" + popId + "/choice", agentToken(tenant),
                "{\"targetId\":\"" + PRIYA_APPLICANT + "\"}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.body()).contains("none of the caller's numbers");
        assertThat(call("POST", "/api/screen-pops/" + popId + "/choice", agentToken(tenant), "{\"targetId\":\"../x\"}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> pick = call("POST", "/api/screen-pops/" + popId + "/choice", agentToken(tenant),
                "{\"targetId\":\"" + MARCUS_BELL_APPLICANT + "\"}");
        assertThat(pick.statusCode()).as(pick.body()).isEqualTo(202);
        assertThat(JSON.readTree(pick.body()).path("name").asText()).isEqualTo("Marcus Bell");

        sendZoomCallFrom(tenant, "+15555550123", callId);
        awaitSyncsSettled(tenant, Duration.ofSeconds(30));
        assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
            assertThat(sync.get("status")).isEqualTo("synced");
            assertThat(sync.get("target_id")).isEqualTo(MARCUS_BELL_APPLICANT);
        });
        assertThat(ezlynx.created()).filteredOn(r -> r.kind() == CreatedRecord.Kind.NOTE)
                .singleElement().satisfies(n -> assertThat(n.clientId()).isEqualTo(MARCUS_BELL));
        assertThat(ezlynx.received()).filteredOn(r -> r.path().startsWith(EzLynxSimulator.APPLICANT_PATH + PRIYA_APPLICANT))
                .hasSize(1);
    }
}
