package com.callintel.hub.sandbox.ams;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.callintel.hub.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.callintel.hub.sandbox.ams.FixtureShapes.fixture;
import static com.callintel.hub.sandbox.ams.FixtureShapes.json;
import static com.callintel.hub.sandbox.ams.FixtureShapes.jsonShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Applied Epic's Applied API over real HTTP, driven by the shared .http fixtures and compared with their answers. */
class AppliedEpicSimulatorTest {

    /** Dana Rivera's client id in the Applied Epic fixtures. */
    private static final String EPIC_DANA_ID = "6b0f3c2e-1d4a-4b5c-8e9f-0a1b2c3d4e5f";
    /** HTTP Basic with the sandbox client, as Applied's guide builds it: base64(key + ':' + secret). */
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "fake-client-id-0001:fake-client-secret-0001".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-03-04T20:00:00Z"));
    private AppliedEpicSimulator epic = start(AppliedEpicSimulator.builder());

    @AfterEach
    void stop() {
        epic.close();
    }

    private AppliedEpicSimulator start(AppliedEpicSimulator.Builder builder) {
        AppliedEpicSimulator simulator = builder.clock(clock)
                .data(AmsSandboxData.defaultSeed().withClientId(AmsSandboxData.DANA_RIVERA_ID, EPIC_DANA_ID)).build();
        simulator.start();
        return simulator;
    }

    @Test
    void tokenRequestAsAppliedsGuideShowsItGetsATwoHourBearerToken() throws Exception {
        HttpResponse<String> response = postAuthorized(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded",
                BASIC, "grant_type=client_credentials&audience=api.myappliedproducts.com/epic");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jsonShape(response.body())).isEqualTo(jsonShape(fixture("applied-epic/token-response.json")));
        JsonNode token = json(response.body());
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asInt()).as("Applied's guide: expires_in 7200").isEqualTo(7200);
        assertThat(token.path("access_token").asText().split("\\.")).hasSize(3);
    }

    @Test
    void bodyCredentialsWithoutTheAudienceAreRefusedAsAppliedWouldRefuseThem() throws Exception {
        // the shared fixture was written before the guide was read: body credentials, a scope, no audience
        HttpResponse<String> fixtureShape = HttpFixture.read("applied-epic/token-request.http").sendTo(epic.baseUrl(), null);
        HttpResponse<String> basicWithoutAudience = postAuthorized(AppliedEpicSimulator.TOKEN_PATH,
                "application/x-www-form-urlencoded", BASIC, "grant_type=client_credentials");

        assertThat(fixtureShape.statusCode()).isEqualTo(400);
        assertThat(json(fixtureShape.body()).path("error").asText()).isEqualTo("invalid_request");
        assertThat(basicWithoutAudience.statusCode()).isEqualTo(400);
        assertThat(epic.received()).hasSize(2);
    }

    @Test
    void bodyCredentialsWithTheAudienceAreAcceptedAsAPublicMockClientSendsThem() throws Exception {
        HttpResponse<String> response = post(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded", null,
                "grant_type=client_credentials&client_id=fake-client-id-0001&client_secret=fake-client-secret-0001"
                        + "&audience=api.myappliedproducts.com%2Fepic&scope=epic%2Factivity%3Awrite");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("scope").asText()).isEqualTo("epic/activity:write");
    }

    @Test
    void agencysNoteAccessLevelsAreListedAsTheSpecShowsThem() throws Exception {
        epic.close();
        epic = start(AppliedEpicSimulator.builder().noteAccessLevels(java.util.Map.of("1", "HIPPA")));
        HttpResponse<String> response = get("/workflow-management/v1/activities/notes/access-levels", token());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode levels = json(response.body());
        assertThat(levels.path("total").asInt()).isEqualTo(1);
        assertThat(levels.path("_embedded").path("accessLevels").get(0).path("id").asText()).isEqualTo("1");
        assertThat(levels.path("_embedded").path("accessLevels").get(0).path("description").asText()).isEqualTo("HIPPA");
    }

    @Test
    void noteWithAnAccessLevelTheAgencyDoesNotHaveIsABadRequest() throws Exception {
        epic.close();
        epic = start(AppliedEpicSimulator.builder().noteAccessLevels(java.util.Map.of("11", "General")));
        HttpResponse<String> response = HttpFixture.read("applied-epic/create-activity-request.http")
                .sendTo(epic.baseUrl(), token());

        assertThat(response.statusCode()).as("the fixture's access level 6 is not this agency's").isEqualTo(400);
        assertThat(response.body()).contains("accessLevel.id");
    }

    @Test
    void wrongClientSecretGetsTheInvalidClientBody() throws Exception {
        HttpResponse<String> response = post(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded", null,
                "grant_type=client_credentials&client_id=fake-client-id-0001&client_secret=wrong"
                        + "&audience=api.myappliedproducts.com%2Fepic");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body())).isEqualTo(json(fixture("applied-epic/token-error-invalid-client.json")));
    }

    @Test
    void fixtureLookupFindsDanaRiveraByE164WithMatchedContact() throws Exception {
        HttpResponse<String> response = HttpFixture.read("applied-epic/lookup-by-phone-request.http")
                .sendTo(epic.baseUrl(), token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/hal+json");
        assertThat(response.headers().firstValue("Asi-Client-Correlation-Id")).hasValue("call-8f0c2d9e");
        assertThat(jsonShape(response.body())).isEqualTo(jsonShape(fixture("applied-epic/lookup-by-phone-response.json")));
        JsonNode account = json(response.body()).path("_embedded").path("accounts").get(0);
        assertThat(account.path("id").asText()).isEqualTo(EPIC_DANA_ID);
        assertThat(account.path("lookupCode").asText()).isEqualTo("RIVEDA-01");
        JsonNode matched = account.path("matchedResults").get(0);
        assertThat(matched.path("type").asText()).isEqualTo("CONTACT");
        assertThat(matched.path("phoneNumbers").get(0).path("number").asText()).isEqualTo("+15550142398");
        assertThat(matched.path("phoneNumbers").get(0).path("type").asText()).isEqualTo("MOBILE");
    }

    @Test
    void demoCallersAreFoundByE164WhateverFormatTheAgencyTyped() throws Exception {
        JsonNode marcus = search("%2B15555550123&expand=matchedResults");
        assertThat(marcus.path("total").asInt()).isEqualTo(1);
        assertThat(marcus.findValues("type").stream().map(JsonNode::asText)).contains("MOBILE", "RESIDENCE");

        JsonNode priya = search("%2B15555550188&expand=matchedResults");
        JsonNode number = priya.path("_embedded").path("accounts").get(0).path("matchedResults").get(0).path("phoneNumbers").get(0);
        assertThat(number.path("extension").asText()).isEqualTo("12");
        assertThat(number.path("type").asText()).isEqualTo("BUSINESS");

        assertThat(search("%2B15555550142").path("_embedded").path("accounts").get(0).path("name").asText())
                .isEqualTo("Helen Ortiz");
        assertThat(search("%2B15555550177").path("total").asInt()).as("shared household number").isEqualTo(2);
    }

    @Test
    void unencodedPlusOrNationalDigitsFindNobody() throws Exception {
        JsonNode unencoded = search("+15555550123");
        assertThat(jsonShape(unencoded.toString())).isEqualTo(jsonShape(fixture("applied-epic/lookup-by-phone-response-empty.json")));
        assertThat(unencoded.path("total").asInt()).isZero();
        assertThat(search("5555550123").path("total").asInt()).isZero();
    }

    @Test
    void searchWithoutPhoneOrEmailHasNoResults() throws Exception {
        HttpResponse<String> response = get("/epic/account/v1/accounts/search?type=CLIENT", token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("total").asInt()).isZero();
    }

    @Test
    void fixtureActivityCodeLookupResolvesCall() throws Exception {
        HttpResponse<String> response = HttpFixture.read("applied-epic/activity-codes-request.http").sendTo(epic.baseUrl(), token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jsonShape(response.body())).containsAll(jsonShape(fixture("applied-epic/activity-codes-response.json")));
        assertThat(json(response.body()).path("_embedded").path("activityCodes").get(0).path("id").asText()).isEqualTo("65536");
    }

    @Test
    void fixtureActivityIsCreatedOnceWithItsNote() throws Exception {
        HttpResponse<String> response = HttpFixture.read("applied-epic/create-activity-request.http").sendTo(epic.baseUrl(), token());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(jsonShape(response.body())).isEqualTo(jsonShape(fixture("applied-epic/create-activity-response.json")));
        JsonNode activity = json(response.body());
        assertThat(activity.path("owner").path("name").asText()).isEqualTo("Casey Stone");
        assertThat(response.headers().firstValue("Location")).hasValue(epic.baseUrl()
                + "/workflow-management/v1/activities/" + activity.path("id").asText());
        assertThat(epic.created()).extracting(CreatedRecord::kind)
                .containsExactly(CreatedRecord.Kind.ACTIVITY, CreatedRecord.Kind.NOTE);
        assertThat(epic.created()).allSatisfy(r -> assertThat(r.clientId()).isEqualTo(EPIC_DANA_ID));
    }

    @Test
    void clientAssociationWithoutOrganizationIsTheFixtureBadRequest() throws Exception {
        String body = fixture("applied-epic/create-activity-request.json").replaceAll("(?s),\\s*\"organization\": \\{.*?\\}\\s*\\}", "");
        HttpResponse<String> response = post("/workflow-management/v1/activities", "application/json", token(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(jsonShape(response.body())).isEqualTo(jsonShape(fixture("applied-epic/error-400-bad-request.json")));
        assertThat(json(response.body()).path("additionalDetails").get(0).path("field").asText())
                .isEqualTo("association.organization");
        assertThat(epic.created()).isEmpty();
    }

    @Test
    void noteIsAddedToAnExistingActivity() throws Exception {
        String token = token();
        String activityId = json(HttpFixture.read("applied-epic/create-activity-request.http")
                .sendTo(epic.baseUrl(), token).body()).path("id").asText();
        HttpFixture note = HttpFixture.read("applied-epic/add-note-request.http");

        HttpResponse<String> response = post("/workflow-management/v1/activities/" + activityId + "/notes",
                "application/json", token, note.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jsonShape(response.body())).isEqualTo(jsonShape(fixture("applied-epic/add-note-response.json")));
        assertThat(epic.created()).filteredOn(r -> activityId.equals(r.parentId())).hasSize(2);
        assertThat(post("/workflow-management/v1/activities/no-such-activity/notes", "application/json", token,
                note.body()).statusCode()).isEqualTo(404);
    }

    @Test
    void clientsActivitiesAndAnActivitysNotesReadBackWhatWasWrittenAsTheSpecListsThem() throws Exception {
        String token = token();
        String day = clock.instant().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
        String activityId = json(HttpFixture.read("applied-epic/create-activity-request.http")
                .sendTo(epic.baseUrl(), token).body()).path("id").asText();
        post("/workflow-management/v1/activities/" + activityId + "/notes", "application/json", token,
                "{\"accessLevel\":{\"id\":\"6\"},\"content\":\"Update: more\"}");

        JsonNode activities = json(get("/workflow-management/v1/clients/" + EPIC_DANA_ID
                + "/activities?enteredByDate_after=" + java.time.LocalDate.parse(day).minusDays(1) + "&limit=10", token).body());
        assertThat(activities.path("total").asInt()).isEqualTo(1);
        JsonNode item = activities.path("_embedded").path("activities").get(0);
        assertThat(item.path("id").asText()).isEqualTo(activityId);
        assertThat(item.path("code").asText()).as("ActivityList: the code as a string").isEqualTo("CALL");
        assertThat(item.path("associationType").asText()).isEqualTo("CLIENT");
        assertThat(item.path("enteredBy").path("userCode").asText()).isEqualTo("APIUSER");
        assertThat(json(get("/workflow-management/v1/clients/" + EPIC_DANA_ID + "/activities?enteredByDate_after="
                + day, token).body()).path("total").asInt()).as("entered on that day, not after it").isZero();

        JsonNode notes = json(get("/workflow-management/v1/activities/" + activityId + "/notes", token).body());
        assertThat(notes.path("_embedded").path("notes")).extracting(n -> n.path("content").asText())
                .containsExactly(json(fixture("applied-epic/create-activity-request.json")).path("note").path("content").asText(),
                        "Update: more");
        assertThat(notes.path("_embedded").path("notes").get(1).path("accessLevel").path("description").asText())
                .isEqualTo("General");
        assertThat(get("/workflow-management/v1/activities/no-such-activity/notes", token).statusCode()).isEqualTo(404);
        assertThat(get("/workflow-management/v1/clients/no-such-client/activities", token).statusCode()).isEqualTo(404);
        assertThat(get("/workflow-management/v1/clients/" + EPIC_DANA_ID + "/activities?enteredByDate_after=yesterday",
                token).statusCode()).isEqualTo(400);
    }

    @Test
    void readsNeedTheActivityReadScope() throws Exception {
        String writeOnly = json(post(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded", null,
                "grant_type=client_credentials&client_id=fake-client-id-0001&client_secret=fake-client-secret-0001"
                        + "&scope=epic%2Factivity%3Awrite&audience=api.myappliedproducts.com%2Fepic").body())
                .path("access_token").asText();

        assertThat(get("/workflow-management/v1/clients/" + EPIC_DANA_ID + "/activities", writeOnly).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aLostAnswerStillLeavesTheWriteInTheAms() throws Exception {
        String token = token();
        epic.faults().loseAnswerOfNextWrites(1);

        HttpResponse<String> lost = HttpFixture.read("applied-epic/create-activity-request.http").sendTo(epic.baseUrl(), token);
        HttpResponse<String> next = HttpFixture.read("applied-epic/create-activity-request.http").sendTo(epic.baseUrl(), token);

        assertThat(lost.statusCode()).isEqualTo(504);
        assertThat(lost.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(epic.created()).filteredOn(r -> r.kind() == CreatedRecord.Kind.ACTIVITY).hasSize(2);
    }

    @Test
    void expiredOrUnknownTokenIsTheFixture401() throws Exception {
        String token = token();
        clock.advance(Duration.ofSeconds(7201));   // past the guide's expires_in
        HttpResponse<String> expired = post("/workflow-management/v1/activities", "application/json", token,
                fixture("applied-epic/create-activity-request.json"));

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withoutPerCallFields(expired.body()))
                .isEqualTo(withoutPerCallFields(fixture("applied-epic/error-401-unauthorized.json")));
        String fresh = token();
        epic.expireAllTokens();
        assertThat(get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", fresh).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenWithoutTheSearchScopeIsTheFixture403() throws Exception {
        String token = json(post(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded", null,
                "grant_type=client_credentials&client_id=fake-client-id-0001&client_secret=fake-client-secret-0001"
                        + "&scope=epic%2Factivity%3Awrite&audience=api.myappliedproducts.com%2Fepic").body())
                .path("access_token").asText();

        HttpResponse<String> response = get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", token);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(jsonShape(response.body())).isEqualTo(jsonShape(fixture("applied-epic/error-403-forbidden.json")));
    }

    @Test
    void throttledCallGets429WithRetryAfterThenFailuresThenRecovery() throws Exception {
        String token = token();
        epic.faults().throttleNext(1, Duration.ofSeconds(30)).failNext(1);

        HttpResponse<String> throttled = get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(jsonShape(throttled.body())).isEqualTo(jsonShape(fixture("applied-epic/error-429-too-many-requests.json")));
        assertThat(get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", token).statusCode()).isEqualTo(503);
        assertThat(get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", token).statusCode()).isEqualTo(200);
    }

    @Test
    void downRefusesConnectionsAndUpServesAgainOnTheSamePort() throws Exception {
        String token = token();
        epic.goDown();
        assertThatThrownBy(() -> get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", token))
                .isInstanceOf(ConnectException.class);
        epic.comeUp();
        assertThat(get("/epic/account/v1/accounts/search?phoneNumber=%2B15555550123", token).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsWhatTheHubSentWithSecretsMasked() throws Exception {
        post(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded", null,
                "grant_type=client_credentials&client_id=fake-client-id-0001&client_secret=fake-client-secret-0001"
                        + "&audience=api.myappliedproducts.com%2Fepic");
        HttpFixture.read("applied-epic/lookup-by-phone-request.http").sendTo(epic.baseUrl(), token());

        assertThat(epic.received()).hasSize(3);
        assertThat(epic.received().get(0).body()).contains("client_id=fake-client-id-0001", "client_secret=***")
                .doesNotContain("fake-client-secret-0001");
        assertThat(epic.received().get(1).header("Authorization")).isEqualTo("Basic ***");
        ReceivedRequest search = epic.received().get(2);
        assertThat(search.query()).startsWith("phoneNumber=%2B15550142398");
        assertThat(search.header("Authorization")).isEqualTo("Bearer ***");
        assertThat(search.header("Accept")).isEqualTo("application/hal+json");
    }

    @Test
    void tokenLifetimeIsConfigurable() throws Exception {
        epic.close();
        epic = start(AppliedEpicSimulator.builder().tokenLifetime(Duration.ofSeconds(3600))
                .grantableScopes(Set.of("epic/accounts:search")));
        HttpResponse<String> response = postAuthorized(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded",
                BASIC, "grant_type=client_credentials&audience=api.myappliedproducts.com/epic");

        assertThat(json(response.body()).path("expires_in").asInt()).isEqualTo(3600);
        assertThat(json(response.body()).path("scope").asText()).isEqualTo("epic/accounts:search");
    }

    private static JsonNode withoutPerCallFields(String problem) {
        return ((ObjectNode) json(problem)).without(List.of("traceId", "instance"));
    }

    private String token() throws Exception {
        HttpResponse<String> response = postAuthorized(AppliedEpicSimulator.TOKEN_PATH, "application/x-www-form-urlencoded",
                BASIC, "grant_type=client_credentials&audience=api.myappliedproducts.com/epic");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).path("access_token").asText();
    }

    private JsonNode search(String rawPhoneNumber) throws Exception {
        HttpResponse<String> response = get("/epic/account/v1/accounts/search?phoneNumber=" + rawPhoneNumber, token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(epic.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/hal+json").GET().build();
        return HttpFixture.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String token, String body) throws Exception {
        return postAuthorized(path, contentType, token == null ? null : "Bearer " + token, body);
    }

    private HttpResponse<String> postAuthorized(String path, String contentType, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(epic.baseUrl() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpFixture.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
