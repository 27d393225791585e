package com.callintel.hub.sandbox.ams;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.callintel.hub.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.callintel.hub.sandbox.ams.FixtureShapes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox REST AMS (AMS type generic-rest, no vendor's contract) against the contract its Javadoc declares. */
class GenericRestAmsSimulatorTest {

    private static final String MARCUS = "000000000000010453";
    private static final String CREDENTIALS = "grant_type=client_credentials&client_id=sandbox-ezlynx-client"
            + "&client_secret=sandbox-ezlynx-secret";

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-03-04T20:00:00Z"));
    private final GenericRestAmsSimulator ams = GenericRestAmsSimulator.builder().clock(clock)
            .tokenLifetime(Duration.ofMinutes(30)).build();

    GenericRestAmsSimulatorTest() {
        ams.start();
    }

    @AfterEach
    void stop() {
        ams.close();
    }

    @Test
    void clientCredentialsInFormOrBasicGetABearerToken() throws Exception {
        HttpResponse<String> form = post("/oauth/token", "application/x-www-form-urlencoded", null, CREDENTIALS);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(json(form.body()).path("token_type").asText()).isEqualTo("Bearer");
        assertThat(json(form.body()).path("expires_in").asInt()).isEqualTo(1800);

        HttpRequest basic = HttpRequest.newBuilder(URI.create(ams.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "sandbox-ezlynx-client:sandbox-ezlynx-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        assertThat(HttpFixture.CLIENT.send(basic, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretIsInvalidClient() throws Exception {
        HttpResponse<String> response = post("/oauth/token", "application/x-www-form-urlencoded", null,
                CREDENTIALS.replace("sandbox-ezlynx-secret", "nope"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void searchByAnyFormatReturnsApplicantsWithPhonesAsTheAgencyTypedThem() throws Exception {
        String token = token();
        for (String phone : new String[] {"+15555550123", "5555550123", "(555) 555-0123", "1-555-555-0123"}) {
            JsonNode body = search(phone, token);
            assertThat(body.path("TotalCount").asInt()).as(phone).isEqualTo(1);
            JsonNode marcus = body.path("Applicants").get(0);
            assertThat(marcus.path("ApplicantId").asText()).isEqualTo(MARCUS);
            assertThat(marcus.path("DisplayName").asText()).isEqualTo("Marcus Bell");
            assertThat(marcus.path("Phones").findValuesAsText("Number")).containsExactly("(555) 555-0123", "5555550123");
        }
        assertThat(search("+15555550188", token).path("Applicants").get(0).path("Phones").get(0).path("Number").asText())
                .isEqualTo("555.555.0188 x12");
        assertThat(search("+15555550142", token).path("Applicants").get(0).path("LastName").asText()).isEqualTo("Ortiz");
        assertThat(search(AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, token).path("TotalCount").asInt()).isEqualTo(2);
        assertThat(search("+15555550000", token).path("Applicants")).isEmpty();
    }

    @Test
    void searchWithoutTenDigitsIsAValidationError() throws Exception {
        HttpResponse<String> response = get("/v1/applicants/search?phone=555-0123", token());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("Errors").get(0).path("Field").asText()).isEqualTo("phone");
    }

    @Test
    void noteIsCreatedOnceOnTheApplicant() throws Exception {
        HttpResponse<String> response = post("/v1/applicants/" + MARCUS + "/notes", "application/json", token(),
                "{\"Subject\":\"Inbound call\",\"Body\":\"[CallIntel] Inbound call, 5m30s\",\"Category\":\"Phone Call\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode note = json(response.body());
        assertThat(note.path("ApplicantId").asText()).isEqualTo(MARCUS);
        assertThat(response.headers().firstValue("Location")).hasValue(
                ams.baseUrl() + "/v1/applicants/" + MARCUS + "/notes/" + note.path("NoteId").asText());
        assertThat(ams.created()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CreatedRecord.Kind.NOTE);
            assertThat(r.clientId()).isEqualTo("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101");
            assertThat(r.text()).isEqualTo("[CallIntel] Inbound call, 5m30s");
        });
    }

    @Test
    void concurrentNotesAreEachRecordedExactlyOnce() throws Exception {
        String token = token();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 40).mapToObj(i -> HttpFixture.CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create(ams.baseUrl() + "/v1/applicants/" + MARCUS + "/notes"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"Body\":\"note " + i + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString())).toList();

        assertThat(calls).allSatisfy(call -> assertThat(call.get().statusCode()).isEqualTo(201));
        assertThat(ams.created()).extracting(CreatedRecord::text).hasSize(40).doesNotHaveDuplicates();
        assertThat(ams.created()).extracting(CreatedRecord::id).doesNotHaveDuplicates();
    }

    @Test
    void unknownApplicantOrEmptyBodyCreatesNothing() throws Exception {
        String token = token();
        assertThat(post("/v1/applicants/000000000000099999/notes", "application/json", token, "{\"Body\":\"x\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> empty = post("/v1/applicants/" + MARCUS + "/notes", "application/json", token, "{\"Body\":\" \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty.body()).path("Error").asText()).isEqualTo("ValidationFailed");
        assertThat(ams.created()).isEmpty();
    }

    @Test
    void expiredTokenIsRefusedWithAnInvalidTokenChallenge() throws Exception {
        String token = token();
        clock.advance(Duration.ofMinutes(31));

        HttpResponse<String> response = get("/v1/applicants/search?phone=%2B15555550123", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        String fresh = token();
        ams.expireAllTokens();
        assertThat(get("/v1/applicants/search?phone=%2B15555550123", fresh).statusCode()).isEqualTo(401);
    }

    @Test
    void throttlingThenFailuresThenRecovery() throws Exception {
        String token = token();
        ams.faults().throttleNext(2, Duration.ofSeconds(5)).failNext(1, 502);

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = get("/v1/applicants/search?phone=%2B15555550123", token);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("5");
        }
        assertThat(get("/v1/applicants/search?phone=%2B15555550123", token).statusCode()).isEqualTo(502);
        assertThat(get("/v1/applicants/search?phone=%2B15555550123", token).statusCode()).isEqualTo(200);
    }

    @Test
    void downRefusesConnectionsAndUpServesAgainOnTheSamePort() throws Exception {
        String token = token();
        int port = ams.port();
        ams.goDown();
        assertThat(ams.isUp()).isFalse();
        assertThatThrownBy(() -> get("/v1/applicants/search?phone=%2B15555550123", token)).isInstanceOf(ConnectException.class);

        ams.comeUp();
        assertThat(ams.port()).isEqualTo(port);
        assertThat(get("/v1/applicants/search?phone=%2B15555550123", token).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsEveryRequestWithSecretsMasked() throws Exception {
        String token = token();
        get("/v1/applicants/search?phone=%2B15555550123", token);

        assertThat(ams.received()).extracting(ReceivedRequest::path).containsExactly("/oauth/token", "/v1/applicants/search");
        assertThat(ams.received().get(0).body()).contains("client_secret=***").doesNotContain("sandbox-ezlynx-secret");
        assertThat(ams.received().get(1).header("Authorization")).isEqualTo("Bearer ***");
        assertThat(ams.received().get(1).query()).isEqualTo("phone=%2B15555550123");
    }

    private String token() throws Exception {
        HttpResponse<String> response = post("/oauth/token", "application/x-www-form-urlencoded", null, CREDENTIALS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).path("access_token").asText();
    }

    private JsonNode search(String phone, String token) throws Exception {
        HttpResponse<String> response = get("/v1/applicants/search?phone="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ams.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build();
        return HttpFixture.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ams.baseUrl() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpFixture.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
