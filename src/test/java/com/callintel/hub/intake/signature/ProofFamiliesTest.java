package com.callintel.hub.intake.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.WebhookRequest;
import com.callintel.hub.problem.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * The parameterised proof families a connector file declares: each signs what it verifies, refuses what is not
 * signed with the secret, and refuses parameters that make no sense with the file and annotation named.
 */
class ProofFamiliesTest {

    private static final String SECRET = "acme-secret-9f3";
    private static final byte[] EVENT = "{\"id\":\"c-1\",\"call\":{\"state\":\"ringing\"}}".getBytes(StandardCharsets.UTF_8);

    private final SignatureSchemes schemes = SignatureSchemes.standalone();
    private final Instant now = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void sharedTokenInTheBodyVerifiesAndIsRemovedBeforeStoring() {
        SignatureScheme proof = schemes.of(connector("shared-token", Map.of("token-pointer", "/call/token")));
        SignedWebhook signed = proof.sign(EVENT, SECRET, now);

        assertThat(new String(signed.body(), StandardCharsets.UTF_8)).contains(SECRET);
        String stored = proof.verify(request(signed), SECRET, now);

        assertThat(stored).doesNotContain(SECRET).contains("\"state\":\"ringing\"").doesNotContain("token");
        assertThat(refusal(() -> proof.verify(request(signed), "another-secret", now))).contains("/call/token");
        assertThat(refusal(() -> proof.verify(request(new SignedWebhook(EVENT, Map.of())), SECRET, now)))
                .contains("no token at /call/token");
    }

    @Test
    void sharedTokenInAHeaderTakesTheAlternativesInOrder() {
        SignatureScheme proof = schemes.of(connector("shared-token", Map.of("token-header", "X-Token, X-Old-Token")));

        assertThat(proof.sign(EVENT, SECRET, now).headers()).containsEntry("X-Token", SECRET);
        assertThat(proof.verify(request(new SignedWebhook(EVENT, Map.of("x-old-token", SECRET))), SECRET, now))
                .isEqualTo(new String(EVENT, StandardCharsets.UTF_8));
        assertThat(refusal(() -> proof.verify(request(new SignedWebhook(EVENT, Map.of("X-Token", SECRET + "x"))), SECRET, now)))
                .contains("X-Token does not match");
    }

    @Test
    void hmacWithBase64MillisecondTimestampAndAHeaderInTheTemplate() {
        SignatureScheme proof = schemes.of(connector("hmac", Map.of("header", "X-Sig", "template", "{timestamp}.{body}",
                "encoding", "base64", "algorithm", "SHA512", "timestamp-header", "X-Time", "timestamp-unit", "milliseconds",
                "prefix", "sha512=")));
        SignedWebhook signed = proof.sign(EVENT, SECRET, now);

        assertThat(signed.headers()).containsEntry("X-Time", Long.toString(now.toEpochMilli()));
        assertThat(signed.headers().get("X-Sig")).startsWith("sha512=");
        assertThat(proof.verify(request(signed), SECRET, now.plusSeconds(299))).isEqualTo(new String(EVENT, StandardCharsets.UTF_8));
        assertThat(refusal(() -> proof.verify(request(signed), SECRET, now.plusSeconds(301)))).contains("X-Time");
        assertThat(refusal(() -> proof.verify(request(signed), "other", now))).contains("X-Sig does not match");
        Map<String, String> tampered = new HashMap<>(signed.headers());
        tampered.put("X-Time", Long.toString(now.toEpochMilli() + 1));
        assertThat(refusal(() -> proof.verify(request(new SignedWebhook(EVENT, tampered)), SECRET, now)))
                .as("the timestamp is signed").contains("does not match");
    }

    @Test
    void jwtAsBearerTokenIsBoundToTheBodyByItsHashClaim() {
        SignatureScheme proof = schemes.of(connector("jwt", Map.of("location", "bearer", "payload-hash-claim", "body_sha256")));
        SignedWebhook signed = proof.sign(EVENT, SECRET, now);

        assertThat(proof.verify(request(signed), SECRET, now)).isEqualTo(new String(EVENT, StandardCharsets.UTF_8));
        byte[] changed = "{\"id\":\"c-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(() -> proof.verify(request(new SignedWebhook(changed, signed.headers())), SECRET, now)))
                .contains("body_sha256");
        assertThat(refusal(() -> proof.verify(request(signed), SECRET, now.plusSeconds(400)))).contains("iat");
    }

    @Test
    void jwtAsTheBodyYieldsItsClaims() {
        SignatureScheme proof = schemes.of(connector("jwt", Map.of()));
        SignedWebhook signed = proof.sign(EVENT, SECRET, now);

        assertThat(signed.headers()).containsEntry("Content-Type", "application/jwt");
        assertThat(proof.verify(request(signed), SECRET, now)).isEqualTo(new String(EVENT, StandardCharsets.UTF_8));
    }

    @Test
    void parametersThatMakeNoSenseStopTheStartNamingFileAndAnnotation() {
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("hmac", Map.of("template", "{body}"))))
                .withMessageContaining("acme-phone.kamelet.yaml").withMessageContaining("callintel.io/signature-header is required");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("hmac", Map.of("header", "X-Sig", "template", "{timestamp}"))))
                .withMessageContaining("must contain {body}");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("hmac", Map.of("header", "X-Sig", "template", "{timestamp}.{body}"))))
                .withMessageContaining("timestamp-header");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("hmac", Map.of("header", "X-Sig", "encoding", "base32"))))
                .withMessageContaining("signature-encoding must be one of [hex, base64]");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("shared-token",
                        Map.of("token-header", "X-Token", "token-pointer", "/token"))))
                .withMessageContaining("give exactly one");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("jwt", Map.of("location", "bearer"))))
                .withMessageContaining("payload-hash-claim is required");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("endpoint-key", Map.of("header", "X"))))
                .withMessageContaining("takes no callintel.io/signature-* parameters");
        assertThatIllegalStateException().isThrownBy(() -> schemes.of(connector("carrier-pigeon", Map.of())))
                .withMessageContaining("not a scheme the hub has").withMessageContaining("hmac");
    }

    @Test
    void aChangedConnectorFileGetsItsProofBuiltAnew() {
        VoipConnector first = connector("shared-token", Map.of("token-header", "X-Token"));
        VoipConnector changed = connector("shared-token", Map.of("token-header", "X-New-Token"));

        assertThat(schemes.of(first)).isSameAs(schemes.of(first));
        assertThat(schemes.of(changed).sign(EVENT, SECRET, now).headers()).containsKey("X-New-Token");
    }

    private static VoipConnector connector(String scheme, Map<String, String> parameters) {
        return new VoipConnector("acme-phone", Path.of("connectors/voip/acme-phone.kamelet.yaml"), scheme, parameters,
                "none", List.of("application/json"), ".id");
    }

    private static WebhookRequest request(SignedWebhook signed) {
        return new WebhookRequest("acme-phone", "k_acme", signed.headers(), signed.body(), Instant.EPOCH);
    }

    private static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable verification) {
        ProblemException refused = catchThrowableOfType(ProblemException.class, verification);
        assertThat(refused).as("refused with a problem").isNotNull();
        assertThat(refused.problem().status()).isEqualTo(401);
        return refused.problem().detail();
    }
}
