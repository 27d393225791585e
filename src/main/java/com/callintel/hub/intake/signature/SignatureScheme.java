package com.callintel.hub.intake.signature;

import java.time.Instant;

import com.callintel.hub.intake.WebhookRequest;

/**
 * One provider's way of proving a webhook genuine. Connector files name their scheme: one of the parameterised
 * families ({@code shared-token}, {@code hmac}, {@code jwt}, with {@code callintel.io/signature-*} parameters; see
 * {@link SignatureSchemes}) or a provider's own scheme written here, which a new provider needs only when no family
 * fits. Each scheme also signs, so the verifier, the sample sender and the tests share one implementation.
 */
public interface SignatureScheme {

    /** The name connector files use in their {@code callintel.io/signature} annotation. */
    String name();

    /**
     * Checks the request against the account's secret and returns the JSON event it vouches for
     * (usually the body; for Dialpad the claims of the JWT body).
     *
     * @throws com.callintel.hub.problem.ProblemException 401 when the request is not genuine or too old
     */
    String verify(WebhookRequest request, String secret, Instant now);

    /**
     * {@link #verify}, with the event's JSON tree when the proof had to parse it (a JWT's claims), so the intake
     * parses each event once.
     */
    default VerifiedEvent verifyEvent(WebhookRequest request, String secret, Instant now) {
        return VerifiedEvent.unparsed(verify(request, secret, now));
    }

    /**
     * The webhook the provider would post for this event at {@code now}, signed with {@code secret}: the sample
     * sender, demo traffic and tests send exactly what the verifier checks.
     */
    SignedWebhook sign(byte[] event, String secret, Instant now);

    /**
     * The request verified and its event is stored (or was a duplicate): a scheme whose proofs are single-use
     * (Vonage's JWT id) spends this one now, not at verification, so a retry after a failed store still gets in.
     */
    default void accepted(WebhookRequest request, String secret, Instant now) {
    }
}
