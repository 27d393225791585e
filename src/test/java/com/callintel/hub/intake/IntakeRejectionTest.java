package com.callintel.hub.intake;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a 4xx problem body that says what was wrong, and nothing of it is stored. */
class IntakeRejectionTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void forgedZoomSignatureIsRefused() {
        TestTenant tenant = newTenant();
        SignedRequest signed = signed("zoom", "inbound-ringing.json", Instant.now());
        Map<String, String> headers = new HashMap<>(signed.headers());
        headers.put("x-zm-signature", "v0=" + "0".repeat(64));

        assertProblem(post(path(tenant, "zoom"), signed.body(), headers), 401, "signature-invalid");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void bodyChangedAfterSigningIsRefused() {
        TestTenant tenant = newTenant();
        SignedRequest signed = signed("zoom", "inbound-ringing.json", Instant.now());
        byte[] tampered = new String(signed.body(), StandardCharsets.UTF_8).replace("+15555550123", "+15555550999")
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(post(path(tenant, "zoom"), tampered, signed.headers()), 401, "signature-invalid");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void wrongSecretIsRefusedForEverySignedProvider() {
        TestTenant tenant = newTenant();
        for (String[] c : new String[][] {{"dialpad", "inbound-completed.json"}, {"ringcentral", "inbound-ringing.json"},
                {"vonage", "inbound-completed.json"}, {"zoom", "inbound-ringing.json"}}) {
            SignedRequest wrong = SampleSender.sign(c[0], fixture(c[0], c[1]), "not-the-secret", Instant.now());
            assertProblem(post(path(tenant, c[0]), wrong.body(), wrong.headers()), 401, "signature-invalid");
        }
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void missingSignatureIsRefused() {
        TestTenant tenant = newTenant();
        assertProblem(post(path(tenant, "ringcentral"), fixture("ringcentral", "inbound-ringing.json"),
                Map.of("Content-Type", "application/json")), 401, "signature-invalid");
        assertProblem(post(path(tenant, "vonage"), fixture("vonage", "inbound-ringing.json"),
                Map.of("Content-Type", "application/json")), 401, "signature-invalid");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void expiredTimestampIsRefusedAsAReplay() {
        TestTenant tenant = newTenant();
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        SignedRequest zoom = signed("zoom", "inbound-ringing.json", tenMinutesAgo);
        SignedRequest vonage = signed("vonage", "inbound-ringing.json", tenMinutesAgo);

        assertProblem(post(path(tenant, "zoom"), zoom.body(), zoom.headers()), 401, "signature-expired");
        assertProblem(post(path(tenant, "vonage"), vonage.body(), vonage.headers()), 401, "signature-expired");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void vonageTokenWithoutPayloadHashIsRefusedForABody() throws Exception {
        TestTenant tenant = newTenant();
        String claims = "{\"iat\":" + Instant.now().getEpochSecond() + ",\"jti\":\"" + java.util.UUID.randomUUID()
                + "\",\"iss\":\"Vonage\",\"api_key\":\"a1b2c3d4\"}";
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + hs256(claims, FIXTURE_SECRETS.get("vonage")));

        assertProblem(post(path(tenant, "vonage"), fixture("vonage", "inbound-ringing.json"), headers), 401,
                "signature-invalid");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void capturedVonageTokenDoesNotVouchForAnotherBody() {
        TestTenant tenant = newTenant();
        SignedRequest captured = signed("vonage", "inbound-ringing.json", Instant.now());

        assertProblem(post(path(tenant, "vonage"), fixture("vonage", "inbound-completed.json"), captured.headers()), 401,
                "signature-invalid");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void vonageTokenUsedTwiceIsRefusedButTheSameEventWithAFreshTokenIsADuplicate() {
        TestTenant tenant = newTenant();
        SignedRequest first = signed("vonage", "inbound-ringing.json", Instant.now());
        assertThat(post(path(tenant, "vonage"), first.body(), first.headers()).statusCode()).isEqualTo(200);

        assertProblem(post(path(tenant, "vonage"), first.body(), first.headers()), 401, "signature-replayed");

        SignedRequest redelivered = signed("vonage", "inbound-ringing.json", Instant.now());
        HttpResponse<String> again = post(path(tenant, "vonage"), redelivered.body(), redelivered.headers());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        assertThat(storedEvents(tenant)).isEqualTo(1);
    }

    @Test
    void unknownEndpointKeyIsRefused() {
        TestTenant tenant = newTenant();
        SignedRequest signed = signed("zoom", "inbound-ringing.json", Instant.now());

        assertProblem(post("/webhooks/zoom/ek_unknown", signed.body(), signed.headers()), 404, "unknown-endpoint");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void endpointKeyOfAnotherProviderIsRefused() {
        TestTenant tenant = newTenant();
        SignedRequest signed = signed("zoom", "inbound-ringing.json", Instant.now());

        assertProblem(post("/webhooks/zoom/" + tenant.endpointKey("goto"), signed.body(), signed.headers()),
                404, "unknown-endpoint");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void unknownProviderIsRefused() {
        TestTenant tenant = newTenant();
        assertProblem(post("/webhooks/skype/" + tenant.endpointKey("zoom"), "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json")), 404, "unknown-provider");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void malformedJsonIsRefused() {
        TestTenant tenant = newTenant();
        byte[] broken = "{\"event\": \"phone.callee_ringing\", ".getBytes(StandardCharsets.UTF_8);
        SignedRequest zoom = SampleSender.sign("zoom", broken, FIXTURE_SECRETS.get("zoom"), Instant.now());

        assertProblem(post(path(tenant, "zoom"), zoom.body(), zoom.headers()), 400, "malformed-json");
        assertProblem(post(path(tenant, "goto"), broken, Map.of("Content-Type", "application/json")), 400, "malformed-json");
        assertProblem(post(path(tenant, "goto"), "[1,2]".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json")), 400, "malformed-json");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void oversizeBodyIsRefused() {
        TestTenant tenant = newTenant();
        byte[] huge = ("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertProblem(post(path(tenant, "goto"), huge, Map.of("Content-Type", "application/json")), 413, "body-too-large");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void wrongContentTypeIsRefused() {
        TestTenant tenant = newTenant();
        assertProblem(post(path(tenant, "goto"), fixture("goto", "inbound-ringing.json"),
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "unsupported-content-type");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void jsonTheStoreCannotHoldIsRefusedNotRetried() {
        TestTenant tenant = newTenant();
        byte[] withNul = "{\"source\":\"messaging\",\"content\":{\"id\":\"m-nul\",\"body\":\"a\\u0000b\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(post(path(tenant, "goto"), withNul, Map.of("Content-Type", "application/json")), 422,
                "payload-not-storable");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void problemBodiesNeverLeakInternals() throws Exception {
        TestTenant tenant = newTenant();
        HttpResponse<String> response = post(path(tenant, "goto"), "{".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));

        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("SQL");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("instance").asText()).isEqualTo(path(tenant, "goto"));
    }

    private SignedRequest signed(String provider, String fixture, Instant at) {
        return SampleSender.sign(provider, fixture(provider, fixture), FIXTURE_SECRETS.get(provider), at);
    }

    private static String hs256(String claimsJson, String secret) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String path(TestTenant tenant, String provider) {
        return "/webhooks/" + provider + "/" + tenant.endpointKey(provider);
    }

    static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("type").asText()).endsWith("/" + slug);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON problem body: " + response.body(), e);
        }
    }

    // --- issue 14 item 3: bodies past the JSON limits are bad input (4xx), never an outage (5xx) ---

    @Test
    void deeplyNestedJsonIsRefusedAsBadInputNotAsAnOutage() {
        TestTenant tenant = newTenant();
        for (int depth : new int[] {200, 1_000, 5_000}) {
            byte[] nested = ("{\"event\":\"phone.callee_ringing\",\"payload\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            SignedRequest zoom = SampleSender.sign("zoom", nested, FIXTURE_SECRETS.get("zoom"), Instant.now());

            assertProblem(post(path(tenant, "zoom"), zoom.body(), zoom.headers()), 400, "json-too-deep");
            assertProblem(post(path(tenant, "goto"), nested, Map.of("Content-Type", "application/json")), 400,
                    "json-too-deep");
        }
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void numberPastTheLengthLimitIsRefusedAsBadInput() {
        TestTenant tenant = newTenant();
        byte[] huge = ("{\"source\":\"messaging\",\"content\":{\"id\":" + "9".repeat(5_000) + "}}")
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(post(path(tenant, "goto"), huge, Map.of("Content-Type", "application/json")), 400,
                "json-number-too-long");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void stringPastTheLengthLimitIsRefusedAsTooLarge() {
        TestTenant tenant = newTenant();
        byte[] huge = ("{\"source\":\"messaging\",\"content\":{\"id\":\"m-long\",\"body\":\""
                + "x".repeat(220 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);

        assertProblem(post(path(tenant, "goto"), huge, Map.of("Content-Type", "application/json")), 413,
                "json-value-too-large");
        assertThat(storedEvents(tenant)).isZero();
    }
}
