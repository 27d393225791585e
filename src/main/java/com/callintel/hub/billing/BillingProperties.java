package com.callintel.hub.billing;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Billing from Stripe: the webhook's signing secrets (several while Stripe rotates one, each endpoint's
 * {@code whsec_…}) and the age a signature may have, how long a past-due organization is still served, how often
 * stored events are processed and how many at a time, how long processed events are kept and how often the old ones
 * are looked for, and the Retry-After of a 503 (Stripe retries on its own schedule, for up to three days).
 */
@ConfigurationProperties("callintel.billing")
public record BillingProperties(Stripe stripe, Duration gracePeriod, long pollDelay, int batchSize,
                                Duration eventRetention, Duration purgeInterval, int retryAfterSeconds) {

    public BillingProperties {
        stripe = stripe == null ? new Stripe(null, null) : stripe;
        gracePeriod = gracePeriod == null ? Duration.ofDays(7) : gracePeriod;
        pollDelay = pollDelay <= 0 ? 1000 : pollDelay;
        batchSize = batchSize <= 0 ? 20 : batchSize;
        eventRetention = eventRetention == null ? Duration.ofDays(30) : eventRetention;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        retryAfterSeconds = retryAfterSeconds <= 0 ? 60 : retryAfterSeconds;
    }

    /** Stripe's webhook: the endpoint secrets in use (blank entries dropped) and the signature's tolerance. */
    public record Stripe(List<String> webhookSecrets, Duration tolerance) {

        public Stripe {
            webhookSecrets = webhookSecrets == null ? List.of()
                    : webhookSecrets.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
            tolerance = tolerance == null ? Duration.ofSeconds(300) : tolerance;
        }
    }
}
