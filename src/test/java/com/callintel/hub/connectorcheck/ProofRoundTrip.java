package com.callintel.hub.connectorcheck;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.intake.WebhookRequest;
import com.callintel.hub.intake.signature.SignatureScheme;
import com.callintel.hub.intake.signature.SignedWebhook;

/**
 * A sample signed by a connector's proof and verified back through the same scheme, as the provider would send it
 * and the intake would check it: what the hub would store of it, and whether that still holds the webhook's secret
 * (a proof carried in the body must be removed before storing). Used by the connector check and the conventions test.
 */
public record ProofRoundTrip(SignedWebhook signed, String stored, boolean storesSecret) {

    /**
     * Signs {@code sample} with {@code secret} at {@code now} and verifies the result.
     *
     * @throws RuntimeException (a {@code ProblemException} of the scheme, usually) when it does not verify
     */
    public static ProofRoundTrip of(SignatureScheme scheme, byte[] sample, String secret, Instant now) {
        SignedWebhook signed = scheme.sign(sample, secret, now);
        String stored = scheme.verify(new WebhookRequest("check", "k_check", signed.headers(), signed.body(), now), secret, now);
        return new ProofRoundTrip(signed, stored, stored.contains(secret));
    }

    /** What is wrong when this proof, signing {@code sample} with a fresh secret, lets the secret reach the store. */
    public static Optional<String> secretLeak(SignatureScheme scheme, byte[] sample) {
        String secret = "leak-check-" + UUID.randomUUID();
        return of(scheme, sample, secret, Instant.now()).storesSecret() ? Optional.of(LEAK) : Optional.empty();
    }

    public static final String LEAK = "the event stored after verification contains the webhook's secret;"
            + " a proof carried in the body must be removed from it before storing";
}
