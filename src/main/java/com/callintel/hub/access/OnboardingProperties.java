package com.callintel.hub.access;

import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How an organization of the identity provider the hub does not know yet is set up when its first admin signs in:
 * the claims naming it, and the region and time zone it starts with (the admin corrects them in the settings).
 */
@ConfigurationProperties("callintel.access.onboarding")
public record OnboardingProperties(boolean enabled, String orgNameClaim, String orgSlugClaim, String defaultRegion,
                                   String defaultTimeZone) {

    public OnboardingProperties {
        Objects.requireNonNull(orgNameClaim, "callintel.access.onboarding.org-name-claim must be configured");
        Objects.requireNonNull(orgSlugClaim, "callintel.access.onboarding.org-slug-claim must be configured");
        Objects.requireNonNull(defaultRegion, "callintel.access.onboarding.default-region must be configured");
        Objects.requireNonNull(defaultTimeZone, "callintel.access.onboarding.default-time-zone must be configured");
    }
}
