package com.callintel.hub.sandbox.ams;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.callintel.hub.sandbox.ams.FixtureShapes.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The EZLynx simulator rejects what public clients show EZLynx rejecting, and answers what they read. */
class EzLynxSimulatorTest {

    private static final String MARCUS = "220210453";
    private static final String GATEWAY_FORM = "client_id=fake-ezlynx-client&client_secret=fake-ezlynx-client-secret"
            + "&username=sandbox.agent&integration_group_id=fake-integration-group&scope=DiscussionApi%20openid";

    private final EzLynxSimulator ezlynx = EzLynxSimulator.builder().build();

    EzLynxSimulatorTest() {
        ezlynx.start();
    }

    @AfterEach
    void stop() {
        ezlynx.close();
    }

    @Test
    void clientCredentialsGrantIsUnsupportedAndVendorDataAccessNeedsUserAndIntegrationGroup() throws Exception {
        HttpResponse<String> clientCredentials = form("grant_type=client_credentials&" + GATEWAY_FORM);
        assertThat(clientCredentials.statusCode()).isEqualTo(400);
        assertThat(json(clientCredentials.body()).path("error").asText()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> noGroup = form("grant_type=vendor_data_access&" + GATEWAY_FORM
                .replace("&integration_group_id=fake-integration-group", ""));
        assertThat(noGroup.statusCode()).isEqualTo(400);
        assertThat(json(noGroup.body()).path("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> granted = form("grant_type=vendor_data_access&" + GATEWAY_FORM);
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(json(granted.body()).path("token_type").asText()).isEqualTo("Bearer");
        assertThat(get(EzLynxSimulator.APPLICANT_PATH + MARCUS,
                Map.of("Authorization", "Bearer " + json(granted.body()).path("access_token").asText())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void ezTokenSessionNeedsEveryEzHeaderThenReadsTheApplicantsFlatPhones() throws Exception {
        Map<String, String> login = Map.of("EZUser", "sandbox.agent", "EZPassword", "fake-ezlynx-password",
                "EZAppSecret", "fake-ezlynx-app-secret", "EZToken", "authenticate");
        for (String missing : login.keySet()) {
            var partial = new java.util.HashMap<>(login);
            partial.remove(missing);
            HttpResponse<String> refused = get(EzLynxSimulator.AUTHENTICATE_PATH, partial);
            assertThat(refused.statusCode()).as("without " + missing).isEqualTo(401);
            assertThat(json(refused.body()).path("Message").asText()).contains("denied");
        }
        HttpResponse<String> session = get(EzLynxSimulator.AUTHENTICATE_PATH, login);
        String token = session.headers().firstValue("EZToken").orElseThrow();

        assertThat(get(EzLynxSimulator.APPLICANT_PATH + MARCUS, Map.of("EZToken", token, "EZAppSecret",
                "fake-ezlynx-app-secret")).statusCode()).as("without AccountUsername").isEqualTo(401);
        HttpResponse<String> applicant = get(EzLynxSimulator.APPLICANT_PATH + MARCUS, sessionHeaders(token));
        JsonNode marcus = json(applicant.body());
        assertThat(marcus.path("ApplicantId").asLong()).isEqualTo(220210453L);
        assertThat(marcus.path("CellPhone").asText()).isEqualTo("(555) 555-0123");
        assertThat(marcus.path("HomePhone").asText()).isEqualTo("(555) 555-0123");
        assertThat(marcus.has("Phones")).isFalse();
        assertThat(get(EzLynxSimulator.APPLICANT_PATH + "abc", sessionHeaders(token)).statusCode()).isEqualTo(400);
        assertThat(get(EzLynxSimulator.APPLICANT_PATH + "999999999", sessionHeaders(token)).statusCode()).isEqualTo(404);
        assertThat(get("/ezlynxapi/api/applicants/search?phone=5555550123", sessionHeaders(token)).statusCode())
                .as("no phone search exists").isEqualTo(404);
    }

    @Test
    void discussionNotesRefusePhoneLikeTextAndTheV1PathIsNotFound() throws Exception {
        String token = get(EzLynxSimulator.AUTHENTICATE_PATH, Map.of("EZUser", "sandbox.agent", "EZPassword",
                "fake-ezlynx-password", "EZAppSecret", "fake-ezlynx-app-secret", "EZToken", "authenticate"))
                .headers().firstValue("EZToken").orElseThrow();
        HttpResponse<String> created = post(EzLynxSimulator.DISCUSSIONS_PATH + "/with-note", token,
                "{\"applicantId\":\"" + MARCUS + "\",\"title\":\"CallIntel calls\",\"note\":{\"type\":\"Note\",\"body\":\"Call, number ending 0123\"}}");
        assertThat(created.statusCode()).isEqualTo(200);
        long discussion = json(created.body()).path("discussionId").asLong();

        for (String dialable : new String[] {"call back 555-555-0123", "(555) 555-0123", "+1 555.555.0123", "5555550123"}) {
            HttpResponse<String> refused = post(EzLynxSimulator.DISCUSSIONS_PATH + "/" + discussion + "/notes", token,
                    "{\"type\":\"Note\",\"body\":\"" + dialable + "\"}");
            assertThat(refused.statusCode()).as(dialable).isEqualTo(400);
            assertThat(json(refused.body()).path("errors").has("body")).isTrue();
        }
        HttpResponse<String> note = post(EzLynxSimulator.DISCUSSIONS_PATH + "/" + discussion + "/notes", token,
                "{\"type\":\"Note\",\"body\":\"Update: recap\"}");
        assertThat(json(note.body()).path("noteId").asLong()).isPositive();
        assertThat(post("/DiscussionApi/v1/discussions/" + discussion + "/notes", token,
                "{\"type\":\"Note\",\"body\":\"x\"}").statusCode()).isEqualTo(404);

        JsonNode list = json(get(EzLynxSimulator.DISCUSSIONS_PATH + "/by-applicant?applicantId=" + MARCUS,
                sessionHeaders(token)).body());
        assertThat(list).singleElement().satisfies(d -> {
            assertThat(d.path("title").asText()).isEqualTo("CallIntel calls");
            assertThat(d.path("noteCount").asInt()).isEqualTo(2);
        });
        assertThat(ezlynx.received()).allSatisfy(r -> assertThat(r.headers().toString())
                .doesNotContain("fake-ezlynx-password", "fake-ezlynx-app-secret"));
    }

    private Map<String, String> sessionHeaders(String token) {
        return Map.of("EZToken", token, "EZAppSecret", "fake-ezlynx-app-secret", "AccountUsername", "sandbox.agent");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ezlynx.baseUrl() + path)).GET();
        headers.forEach(request::header);
        return HttpFixture.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ezlynx.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        sessionHeaders(token).forEach(request::header);
        return HttpFixture.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String body) throws Exception {
        return HttpFixture.CLIENT.send(HttpRequest.newBuilder(URI.create(ezlynx.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
