package com.callintel.hub.billing;

import java.time.Clock;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import org.springframework.stereotype.Component;

/**
 * Stripe's webhook proof, checked by Stripe's own SDK: {@code Stripe-Signature: t=…,v1=…[,v1=…]}, HMAC-SHA256 of
 * {@code t.payload} with the endpoint secret, {@code t} within the tolerance of the hub's clock. Any configured
 * secret may match (a secret being rolled and its successor), and any of the header's {@code v1} (Stripe signs
 * with both while it rolls one). A refusal is a 400 problem: Stripe retries what it did not get a 2xx for.
 */
@Component
class StripeSignature {

    static final String HEADER = "Stripe-Signature";
    private static final String STALE = "Timestamp outside the tolerance zone";

    private final BillingProperties.Stripe stripe;
    private final int retryAfterSeconds;
    private final Clock clock;

    StripeSignature(BillingProperties properties, Clock clock) {
        this.stripe = properties.stripe();
        this.retryAfterSeconds = properties.retryAfterSeconds();
        this.clock = clock;
    }

    /** Returns when one secret proves the payload; throws the problem to answer otherwise. */
    void verify(String payload, String header) {
        if (stripe.webhookSecrets().isEmpty()) {
            throw new ProblemException(Problem.of(503, "billing-not-configured", "Billing webhooks not configured",
                    "This hub has no Stripe webhook secret yet; Stripe will retry the event.").retryAfter(retryAfterSeconds));
        }
        if (header == null || header.isBlank()) {
            throw invalid("The request has no " + HEADER + " header.");
        }
        boolean stale = false;
        for (String secret : stripe.webhookSecrets()) {
            try {
                Webhook.Signature.verifyHeader(payload, header, secret, stripe.tolerance().toSeconds(), clock);
                return;
            } catch (SignatureVerificationException refused) {
                // Stripe checks the signature before the time: a stale refusal means this secret did sign it
                stale |= STALE.equals(refused.getMessage());
            } catch (RuntimeException unreadable) {
                throw invalid("The " + HEADER + " header is not of the form t=<timestamp>,v1=<signature>.");
            }
        }
        if (stale) {
            throw new ProblemException(Problem.of(400, "stale-signature", "Stale signature",
                    "The signature's timestamp is more than " + stripe.tolerance().toSeconds()
                            + " seconds from the hub's clock; a replayed request is refused."));
        }
        throw invalid("No v1 signature of the header matches the payload with the endpoint's secret.");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(400, "invalid-signature", "Invalid Stripe signature", detail));
    }
}
