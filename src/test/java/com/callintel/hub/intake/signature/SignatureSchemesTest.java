package com.callintel.hub.intake.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.IntakeProperties;
import com.callintel.hub.intake.WebhookRequest;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Each provider's proof of authenticity, checked against the worked examples in shared/fixtures/voip/{@literal *}/signing.md. */
class SignatureSchemesTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures/voip");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IntakeProperties INTAKE =
            new IntakeProperties(Duration.ofSeconds(300), DataSize.ofKilobytes(256), 20, 10, 5, Duration.ofDays(30),
                    5, 10, 100, 1000, Duration.ofDays(365));
    /** A receive time far from every clock below, so a check that used it instead of {@code now} would show. */
    private static final Instant RECEIVED_LONG_AGO = Instant.EPOCH;

    private static final String ZOOM_SECRET = "zm_test_secret_7d41b0";
    private static final String ZOOM_TIMESTAMP = "1772463845";
    private static final String ZOOM_SIGNATURE = "v0=23f77b844425fd08ac8cd715f8c7d47aa4ad41765d6f89a59ef01cfb98ddb13d";
    private static final String VONAGE_SECRET = "vng_sig_secret_3a9d5c1e7b";
    private static final String DIALPAD_SECRET = "dp_test_secret_5f2c9a";
    private static final String RINGCENTRAL_TOKEN = "rc-verif-4b7e19c2a8";

    private final Instant zoomSent = Instant.ofEpochSecond(1772463845);
    private final Instant vonageIssued = Instant.ofEpochSecond(1772464182);
    private final Instant dialpadNow = Instant.ofEpochSecond(1772463845);
    private final Instant ringCentralNow = Instant.ofEpochSecond(1772463845);

    private final VonageJwtSignature vonage = new VonageJwtSignature(INTAKE, new SpentTokenIds(INTAKE));
    private final SignatureSchemes schemes = new SignatureSchemes(List.of(vonage, new EndpointKeySignature()), INTAKE);
    // the proofs the real connector files declare (families with their parameters), checked against the providers'
    // worked examples: a wrong parameter in a file fails here
    private final SignatureScheme zoom = schemes.of(connector("zoom"));
    private final SignatureScheme dialpad = schemes.of(connector("dialpad"));
    private final SignatureScheme ringCentral = schemes.of(connector("ringcentral"));

    // Zoom: v0 HMAC-SHA256 over "v0:<timestamp>:<raw body>", timestamp inside the replay window

    @Test
    void zoomSigningWorkedExampleOverTheRingingFixtureVerifies() throws IOException {
        byte[] body = fixture("zoom/inbound-ringing.json");

        String event = zoom.verify(signed(body, ZOOM_TIMESTAMP, ZOOM_SIGNATURE), ZOOM_SECRET, zoomSent);

        assertThat(event).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void zoomTinyBodyWorkedExampleVerifies() throws IOException {
        // exact bytes matter: the fixture has no final newline
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/fixtures/voip/zoom/tiny-callee-ringing.json"));

        WebhookRequest request =
                signed(body, ZOOM_TIMESTAMP, "v0=99241debb20e7d118d7d2a82cca0f36f37ebd4607cc91e3069ace1c4c4b3c602");

        String event = zoom.verify(request, ZOOM_SECRET, zoomSent);

        assertThat(JSON.readTree(event).path("event").asText()).isEqualTo("phone.callee_ringing");
    }

    @Test
    void zoomSignatureIsOverTheRawBytesSoAReserialisedBodyIsRefused() throws IOException {
        byte[] compact = JSON.writeValueAsBytes(JSON.readTree(fixture("zoom/inbound-ringing.json")));

        assertThat(refusal(() -> zoom.verify(signed(compact, ZOOM_TIMESTAMP, ZOOM_SIGNATURE), ZOOM_SECRET, zoomSent)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void zoomWrongSecretIsRefused() throws IOException {
        WebhookRequest request = signed(fixture("zoom/inbound-ringing.json"), ZOOM_TIMESTAMP, ZOOM_SIGNATURE);

        assertThat(refusal(() -> zoom.verify(request, "zm_other_secret", zoomSent)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void zoomSignatureDifferingOnlyInItsLastDigitOrTruncatedIsRefused() throws IOException {
        byte[] body = fixture("zoom/inbound-ringing.json");
        String lastDigitChanged = ZOOM_SIGNATURE.substring(0, ZOOM_SIGNATURE.length() - 1) + "e";
        String truncated = ZOOM_SIGNATURE.substring(0, ZOOM_SIGNATURE.length() - 2);

        assertThat(refusal(() -> zoom.verify(signed(body, ZOOM_TIMESTAMP, lastDigitChanged), ZOOM_SECRET, zoomSent)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
        assertThat(refusal(() -> zoom.verify(signed(body, ZOOM_TIMESTAMP, truncated), ZOOM_SECRET, zoomSent)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void zoomTimestampIsPartOfWhatIsSigned() throws IOException {
        // inside the replay window, but not the timestamp the signature was made with
        WebhookRequest request = signed(fixture("zoom/inbound-ringing.json"), "1772463846", ZOOM_SIGNATURE);

        assertThat(refusal(() -> zoom.verify(request, ZOOM_SECRET, zoomSent)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void zoomMissingSignatureHeadersAreRefused() throws IOException {
        WebhookRequest unsigned = request(Map.of(), fixture("zoom/inbound-ringing.json"));

        assertThat(refusal(() -> zoom.verify(unsigned, ZOOM_SECRET, zoomSent)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void zoomTimestampUpTo299SecondsOldOrAheadIsAcceptedByTheGivenClock() throws IOException {
        WebhookRequest request = signed(fixture("zoom/inbound-ringing.json"), ZOOM_TIMESTAMP, ZOOM_SIGNATURE);

        assertThat(zoom.verify(request, ZOOM_SECRET, zoomSent.plusSeconds(299))).isNotEmpty();
        assertThat(zoom.verify(request, ZOOM_SECRET, zoomSent.minusSeconds(299))).isNotEmpty();
    }

    @Test
    void zoomTimestamp301SecondsOldIsRefusedAsStale() throws IOException {
        WebhookRequest request = signed(fixture("zoom/inbound-ringing.json"), ZOOM_TIMESTAMP, ZOOM_SIGNATURE);

        assertThat(refusal(() -> zoom.verify(request, ZOOM_SECRET, zoomSent.plusSeconds(301))))
                .satisfies(SignatureSchemesTest::isStale);
    }

    @Test
    void zoomTimestamp301SecondsInTheFutureIsRefusedAsStale() throws IOException {
        WebhookRequest request = signed(fixture("zoom/inbound-ringing.json"), ZOOM_TIMESTAMP, ZOOM_SIGNATURE);

        assertThat(refusal(() -> zoom.verify(request, ZOOM_SECRET, zoomSent.minusSeconds(301))))
                .satisfies(SignatureSchemesTest::isStale);
    }

    @Test
    void zoomTimestampBeyondTheCalendarIsRefusedAsAnyBadTimestamp() throws IOException {
        // parses as a long but lies past Instant.MAX; the check runs before the signature, so anyone can send it
        WebhookRequest request = signed(fixture("zoom/inbound-ringing.json"), "99999999999999999", ZOOM_SIGNATURE);

        assertThat(refusal(() -> zoom.verify(request, ZOOM_SECRET, zoomSent)).status()).isEqualTo(401);
    }

    @Test
    void zoomUrlValidationIsAnsweredWithTheWorkedExampleToken() throws IOException {
        byte[] body = fixture("zoom/url-validation.json");
        ZoomUrlValidation validation = new ZoomUrlValidation();

        HandshakeReply reply = validation.afterVerification(request(Map.of(), body), JSON.readTree(body), ZOOM_SECRET)
                .orElseThrow();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Content-Type", "application/json");
        JsonNode answer = JSON.readTree(reply.body());
        assertThat(answer.path("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        assertThat(answer.path("encryptedToken").asText())
                .isEqualTo("1fdea2183105715a82539862869b736f7c77d37657101f27584649ba5011bd87");
    }

    @Test
    void zoomUrlValidationIsOnlyAnsweredOnceTheSignatureHeld() throws IOException {
        WebhookRequest validation = request(Map.of(), fixture("zoom/url-validation.json"));

        assertThat(new ZoomUrlValidation().beforeVerification(validation)).isEmpty();
    }

    @Test
    void zoomOrdinaryEventGetsNoHandshakeReply() throws IOException {
        byte[] body = fixture("zoom/inbound-ringing.json");

        assertThat(new ZoomUrlValidation().afterVerification(request(Map.of(), body), JSON.readTree(body), ZOOM_SECRET))
                .isEmpty();
    }

    private WebhookRequest signed(byte[] body, String timestamp, String signature) {
        return request(Map.of("x-zm-request-timestamp", timestamp, "x-zm-signature", signature), body);
    }

    // Vonage: Authorization Bearer HS256 JWT whose iat is in the replay window and payload_hash binds the body

    @Test
    void vonageWorkedExampleVerifiesNearItsIssueTime() throws IOException {
        byte[] body = fixture("vonage/inbound-completed.json");

        String event = vonage.verify(withBearer(body), VONAGE_SECRET, vonageIssued.plusSeconds(2));

        assertThat(event).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void vonageSameTokenTenMinutesLaterIsRefusedAsStale() throws IOException {
        WebhookRequest request = withBearer(fixture("vonage/inbound-completed.json"));

        assertThat(refusal(() -> vonage.verify(request, VONAGE_SECRET, vonageIssued.plus(Duration.ofMinutes(10)))))
                .satisfies(SignatureSchemesTest::isStale);
    }

    @Test
    void vonageReplayWindowIsMeasuredFromTheGivenClock() throws IOException {
        WebhookRequest request = withBearer(fixture("vonage/inbound-completed.json"));

        assertThat(vonage.verify(request, VONAGE_SECRET, vonageIssued.plusSeconds(299))).isNotEmpty();
        assertThat(vonage.verify(request, VONAGE_SECRET, vonageIssued.minusSeconds(299))).isNotEmpty();
        assertThat(refusal(() -> vonage.verify(request, VONAGE_SECRET, vonageIssued.plusSeconds(301))))
                .satisfies(SignatureSchemesTest::isStale);
        assertThat(refusal(() -> vonage.verify(request, VONAGE_SECRET, vonageIssued.minusSeconds(301))))
                .satisfies(SignatureSchemesTest::isStale);
    }

    @Test
    void vonageBodyWithOneByteChangedNoLongerMatchesThePayloadHash() throws IOException {
        byte[] body = fixture("vonage/inbound-completed.json");
        int digit = new String(body, StandardCharsets.UTF_8).indexOf("15555550123");
        body[digit + 10] = '4';

        assertThat(refusal(() -> vonage.verify(withBearer(body), VONAGE_SECRET, vonageIssued)))
                .satisfies(SignatureSchemesTest::isInvalidSignature)
                .extracting(Problem::detail).asString().contains("payload_hash");
    }

    @Test
    void vonageWrongSignatureSecretIsRefused() throws IOException {
        WebhookRequest request = withBearer(fixture("vonage/inbound-completed.json"));

        assertThat(refusal(() -> vonage.verify(request, "vng_other_secret", vonageIssued)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void vonageRequestWithoutBearerTokenIsRefused() throws IOException {
        WebhookRequest unsigned = request(Map.of(), fixture("vonage/inbound-completed.json"));

        assertThat(refusal(() -> vonage.verify(unsigned, VONAGE_SECRET, vonageIssued)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void vonageTokenWithoutPayloadHashDoesNotVouchForABody() throws Exception {
        String claims = "{\"iat\":" + vonageIssued.getEpochSecond() + ",\"jti\":\"no-hash-1\",\"iss\":\"Vonage\"}";
        WebhookRequest request = request(Map.of("Authorization", "Bearer " + hs256(claims, VONAGE_SECRET)),
                fixture("vonage/inbound-completed.json"));

        assertThat(refusal(() -> vonage.verify(request, VONAGE_SECRET, vonageIssued)))
                .satisfies(SignatureSchemesTest::isInvalidSignature)
                .extracting(Problem::detail).asString().contains("payload_hash");
    }

    @Test
    void vonageTokenFromAnotherIssuerIsRefused() throws Exception {
        byte[] body = fixture("vonage/inbound-completed.json");
        String claims = "{\"iat\":" + vonageIssued.getEpochSecond() + ",\"jti\":\"iss-1\",\"iss\":\"Mallory\","
                + "\"payload_hash\":\"" + java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(body)) + "\"}";
        WebhookRequest request = request(Map.of("Authorization", "Bearer " + hs256(claims, VONAGE_SECRET)), body);

        assertThat(refusal(() -> vonage.verify(request, VONAGE_SECRET, vonageIssued)))
                .satisfies(SignatureSchemesTest::isInvalidSignature)
                .extracting(Problem::detail).asString().contains("iss");
    }

    @Test
    void vonageTokenOnceAcceptedIsRefusedTheSecondTime() throws IOException {
        WebhookRequest request = withBearer(fixture("vonage/inbound-completed.json"));
        VonageJwtSignature fresh = new VonageJwtSignature(INTAKE, new SpentTokenIds(INTAKE));

        fresh.verify(request, VONAGE_SECRET, vonageIssued);
        fresh.accepted(request, VONAGE_SECRET, vonageIssued);

        assertThat(refusal(() -> fresh.verify(request, VONAGE_SECRET, vonageIssued.plusSeconds(1))))
                .satisfies(problem -> assertThat(problem.type()).hasPath("/problems/signature-replayed"));
    }

    @Test
    void vonageTokenNotYetAcceptedMayBeRetried() throws IOException {
        // the first delivery got a 503 (nothing stored): the provider's retry with the same token must get in
        WebhookRequest request = withBearer(fixture("vonage/inbound-completed.json"));
        VonageJwtSignature fresh = new VonageJwtSignature(INTAKE, new SpentTokenIds(INTAKE));

        fresh.verify(request, VONAGE_SECRET, vonageIssued);

        assertThat(fresh.verify(request, VONAGE_SECRET, vonageIssued.plusSeconds(1))).isNotEmpty();
    }

    private WebhookRequest withBearer(byte[] body) throws IOException {
        String authorization = Files.readString(FIXTURES.resolve("vonage/inbound-completed.authorization.txt")).strip();
        return request(Map.of("Authorization", authorization), body);
    }

    // Dialpad: the body itself is an HS256 JWT; no timestamp, so no replay window

    @Test
    void dialpadSignedBodyVerifiesAndYieldsTheFixtureClaims() throws IOException {
        WebhookRequest request = request(Map.of(), fixture("dialpad/inbound-ringing.jwt"));

        String event = dialpad.verify(request, DIALPAD_SECRET, dialpadNow);

        assertThat(JSON.readTree(event)).isEqualTo(JSON.readTree(fixture("dialpad/inbound-ringing.json")));
    }

    @Test
    void dialpadEventIsTheClaimsTextAsSignedWithItsTreeParsedOnce() throws Exception {
        String claims = "{\"call_id\": 7,  \"state\":\"ringing\", \"note\":\"caf\u00e9\"}";
        WebhookRequest request = request(Map.of(), hs256(claims, DIALPAD_SECRET).getBytes(StandardCharsets.US_ASCII));

        VerifiedEvent event = dialpad.verifyEvent(request, DIALPAD_SECRET, dialpadNow);

        assertThat(event.json()).isEqualTo(claims);
        assertThat(event.parsed()).isEqualTo(JSON.readTree(claims));
    }

    @Test
    void dialpadClaimsBeyondTheHubsJsonLimitsAreRefusedAsAnyEventBeyondThemIs() throws Exception {
        ObjectMapper shallow = new ObjectMapper();
        shallow.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build());
        SignatureScheme limited = new SignatureSchemes(List.of(), INTAKE, shallow).of(connector("dialpad"));
        WebhookRequest request = request(Map.of(),
                hs256("{\"call_id\":1,\"a\":{\"b\":{\"c\":{\"d\":1}}}}", DIALPAD_SECRET).getBytes(StandardCharsets.US_ASCII));

        Problem refused = refusal(() -> limited.verifyEvent(request, DIALPAD_SECRET, dialpadNow));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.type()).hasPath("/problems/json-too-deep");
    }

    @Test
    void proofsOverTheBodyLeaveTheEventToBeParsedByTheIntake() throws IOException {
        byte[] body = fixture("zoom/inbound-ringing.json");

        VerifiedEvent event = zoom.verifyEvent(signed(body, ZOOM_TIMESTAMP, ZOOM_SIGNATURE), ZOOM_SECRET, zoomSent);

        assertThat(event.json()).isEqualTo(new String(body, StandardCharsets.UTF_8));
        assertThat(event.parsed()).isNull();
    }

    @Test
    void dialpadHasNoReplayWindowSoAnOldTokenStillVerifies() throws IOException {
        WebhookRequest request = request(Map.of(), fixture("dialpad/inbound-ringing.jwt"));

        assertThat(dialpad.verify(request, DIALPAD_SECRET, dialpadNow.plus(Duration.ofDays(30)))).isNotEmpty();
    }

    @Test
    void dialpadTokenPastItsExpiryIsRefusedAsStale() throws Exception {
        String token = hs256("{\"call_id\":1,\"state\":\"ringing\",\"exp\":" + dialpadNow.minusSeconds(3600).getEpochSecond()
                + "}", DIALPAD_SECRET);

        assertThat(refusal(() -> verifyToken(token))).satisfies(SignatureSchemesTest::isStale);
    }

    @Test
    void dialpadTokenIssuedLongerAgoThanTheRetentionWindowIsRefusedAsStale() throws Exception {
        String token = hs256("{\"call_id\":1,\"state\":\"ringing\",\"iat\":"
                + dialpadNow.minus(Duration.ofDays(31)).getEpochSecond() + "}", DIALPAD_SECRET);

        assertThat(refusal(() -> verifyToken(token))).satisfies(SignatureSchemesTest::isStale);
    }

    @Test
    void dialpadTokenWithCurrentIatAndExpVerifies() throws Exception {
        String token = hs256("{\"call_id\":1,\"state\":\"ringing\",\"iat\":" + dialpadNow.minusSeconds(5).getEpochSecond()
                + ",\"exp\":" + dialpadNow.plusSeconds(300).getEpochSecond() + "}", DIALPAD_SECRET);

        assertThat(JSON.readTree(verifyToken(token)).path("call_id").asInt()).isEqualTo(1);
    }

    @Test
    void dialpadTokenClaimingAlgNoneIsRefused() throws IOException {
        String[] jwt = fixtureToken();
        String header = withAlg(jwt[0], "none");

        assertThat(refusal(() -> verifyToken(header + "." + jwt[1] + ".")))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
        assertThat(refusal(() -> verifyToken(header + "." + jwt[1] + "." + jwt[2])))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void dialpadTokenCorrectlySignedWithHs512IsRefused() throws Exception {
        String[] jwt = fixtureToken();
        String header = withAlg(jwt[0], "HS512");
        Mac hs512 = Mac.getInstance("HmacSHA512");
        hs512.init(new SecretKeySpec(DIALPAD_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        String signature = b64url(hs512.doFinal((header + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII)));

        assertThat(refusal(() -> verifyToken(header + "." + jwt[1] + "." + signature)))
                .satisfies(SignatureSchemesTest::isInvalidSignature)
                .extracting(Problem::detail).asString().contains("HS256");
    }

    @Test
    void dialpadTokenWithTamperedPayloadIsRefused() throws IOException {
        String[] jwt = fixtureToken();
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        claims.put("state", "hangup");
        String payload = b64url(JSON.writeValueAsBytes(claims));

        assertThat(refusal(() -> verifyToken(jwt[0] + "." + payload + "." + jwt[2])))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void dialpadTokenSignedWithAnotherSecretIsRefused() throws IOException {
        WebhookRequest request = request(Map.of(), fixture("dialpad/inbound-ringing.jwt"));

        assertThat(refusal(() -> dialpad.verify(request, "dp_other_secret", dialpadNow)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void dialpadPlainJsonBodyIsRefused() throws IOException {
        WebhookRequest request = request(Map.of(), fixture("dialpad/inbound-ringing.json"));

        assertThat(refusal(() -> dialpad.verify(request, DIALPAD_SECRET, dialpadNow)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    private String verifyToken(String token) {
        return dialpad.verify(request(Map.of(), token.getBytes(StandardCharsets.US_ASCII)), DIALPAD_SECRET, dialpadNow);
    }

    private String[] fixtureToken() throws IOException {
        return Files.readString(FIXTURES.resolve("dialpad/inbound-ringing.jwt")).strip().split("\\.");
    }

    private String withAlg(String headerSegment, String alg) throws IOException {
        ObjectNode header = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(headerSegment));
        header.put("alg", alg);
        return b64url(JSON.writeValueAsBytes(header));
    }

    // RingCentral: no HMAC, the subscription token in a header; an empty POST is the subscription handshake

    @Test
    void ringCentralVerificationTokenHeaderMatchingTheSubscriptionVerifies() throws IOException {
        byte[] body = fixture("ringcentral/inbound-ringing.json");

        WebhookRequest request = request(Map.of("Verification-Token", RINGCENTRAL_TOKEN), body);

        String event = ringCentral.verify(request, RINGCENTRAL_TOKEN, ringCentralNow);

        assertThat(event).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void ringCentralOlderSubscriptionsValidationTokenHeaderIsAcceptedAsFallback() throws IOException {
        WebhookRequest request = request(Map.of("Validation-Token", RINGCENTRAL_TOKEN), fixture("ringcentral/inbound-ringing.json"));

        assertThat(ringCentral.verify(request, RINGCENTRAL_TOKEN, ringCentralNow)).isNotEmpty();
    }

    @Test
    void ringCentralHeaderNamesAreMatchedWhateverTheirCase() throws IOException {
        WebhookRequest request = request(Map.of("verification-token", RINGCENTRAL_TOKEN), fixture("ringcentral/inbound-ringing.json"));

        assertThat(ringCentral.verify(request, RINGCENTRAL_TOKEN, ringCentralNow)).isNotEmpty();
    }

    @Test
    void ringCentralTokenDifferingInItsLastCharacterOrTruncatedIsRefused() throws IOException {
        byte[] body = fixture("ringcentral/inbound-ringing.json");

        WebhookRequest lastCharacterChanged = request(Map.of("Verification-Token", "rc-verif-4b7e19c2a9"), body);
        WebhookRequest truncated = request(Map.of("Verification-Token", "rc-verif-4b7e19c2a"), body);

        assertThat(refusal(() -> ringCentral.verify(lastCharacterChanged, RINGCENTRAL_TOKEN, ringCentralNow)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
        assertThat(refusal(() -> ringCentral.verify(truncated, RINGCENTRAL_TOKEN, ringCentralNow)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void ringCentralNotificationWithoutTokenIsRefused() throws IOException {
        WebhookRequest request = request(Map.of(), fixture("ringcentral/inbound-ringing.json"));

        assertThat(refusal(() -> ringCentral.verify(request, RINGCENTRAL_TOKEN, ringCentralNow)))
                .satisfies(SignatureSchemesTest::isInvalidSignature);
    }

    @Test
    void ringCentralSubscriptionHandshakeEchoesTheValidationTokenInASmallJsonReply() {
        String token = "4d8d1d56-3c55-4b1c-9b2a-5e1f0c3f9a10";
        WebhookRequest handshake = request(Map.of("Validation-Token", token), new byte[0]);

        HandshakeReply reply = new RingCentralValidation().beforeVerification(handshake).orElseThrow();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("Validation-Token", token)
                .containsEntry("Content-Type", "application/json");
        assertThat(reply.body()).isEmpty();
        int size = reply.headers().entrySet().stream().mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum();
        assertThat(size).isLessThan(1024);
    }

    @Test
    void ringCentralNotificationWithABodyIsNotTakenForTheHandshake() throws IOException {
        WebhookRequest notification = request(Map.of("Validation-Token", RINGCENTRAL_TOKEN), fixture("ringcentral/inbound-ringing.json"));

        assertThat(new RingCentralValidation().beforeVerification(notification)).isEmpty();
    }

    @Test
    void ringCentralOversizedValidationTokenIsNotEchoed() {
        WebhookRequest handshake = request(Map.of("Validation-Token", "x".repeat(2000)), new byte[0]);

        assertThat(new RingCentralValidation().beforeVerification(handshake)).isEmpty();
    }

    // GoTo, Vonage VIS: nothing signed; the endpoint key in the URL (matched earlier) is the only proof

    @Test
    void endpointKeyUnsignedProviderBodyIsPassedOnUnchangedWithoutAnyHeader() throws IOException {
        byte[] body = fixture("goto/inbound-ringing.json");

        String event = new EndpointKeySignature().verify(request(Map.of(), body), "t_9c2f4e7a1b6d8e03a5f1",
                Instant.ofEpochSecond(1772463845));

        assertThat(event).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    // Connector files name their scheme

    @Test
    void registryConnectorFilesGetTheirDeclaredFamilyOrTheProvidersOwnScheme() {
        assertThat(zoom).isInstanceOf(HmacProof.class);
        assertThat(dialpad).isInstanceOf(JwtProof.class);
        assertThat(ringCentral).isInstanceOf(SharedTokenProof.class);
        assertThat(schemes.of(connector("vonage"))).isSameAs(vonage);
        assertThat(schemes.of(connector("goto"))).isInstanceOf(EndpointKeySignature.class);
    }

    @Test
    void registryUnknownSchemeNameIsRefusedListingTheKnownOnes() {
        assertThat(schemes.knows("md5-sig")).isFalse();
        assertThat(schemes.knows("hmac")).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> schemes.get("md5-sig"))
                .withMessageContaining("md5-sig").withMessageContaining("vonage-jwt");
    }

    private static VoipConnector connector(String provider) {
        return ConnectorCatalog.readVoip(Path.of("connectors/voip", provider + ".kamelet.yaml"));
    }

    private static byte[] fixture(String path) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(path));
    }

    private static WebhookRequest request(Map<String, String> headers, byte[] body) {
        return new WebhookRequest("test", "k_test", headers, body, RECEIVED_LONG_AGO);
    }

    private static Problem refusal(ThrowingCallable verification) {
        ProblemException refused = catchThrowableOfType(ProblemException.class, verification);
        assertThat(refused).as("the request should have been refused").isNotNull();
        return refused.problem();
    }

    private static void isInvalidSignature(Problem problem) {
        assertThat(problem.status()).isEqualTo(401);
        assertThat(problem.type()).hasPath("/problems/signature-invalid");
    }

    private static void isStale(Problem problem) {
        assertThat(problem.status()).isEqualTo(401);
        assertThat(problem.type()).hasPath("/problems/signature-expired");
    }

    private static String hs256(String claimsJson, String secret) throws Exception {
        String signingInput = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64url(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
