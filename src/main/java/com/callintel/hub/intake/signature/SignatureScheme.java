package com.callintel.hub.intake.signature;

import java.time.Instant;

import com.callintel.hub.intake.WebhookRequest;

/**
 * One provider's way of proving a webhook genuine. Connector files name their scheme; a new provider only
 * needs Java here when it brings a scheme the hub has never seen.
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
     * The request verified and its event is stored (or was a duplicate): a scheme whose proofs are single-use
     * (Vonage's JWT id) spends this one now, not at verification, so a retry after a failed store still gets in.
     */
    default void accepted(WebhookRequest request, String secret, Instant now) {
    }
}
