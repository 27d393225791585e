package com.callintel.hub.processing;

import java.util.UUID;

import com.callintel.hub.tenancy.TenantRepository;
import org.springframework.stereotype.Component;

/**
 * Gives a connector route the Authorization value for its provider's API, for the organization whose event is
 * being processed (bean {@code providerApiTokens} in connector files). The token is opened from the vault per
 * call, so revoking it takes effect at once.
 */
@Component("providerApiTokens")
public class ProviderApiTokens {

    private final TenantRepository tenants;

    public ProviderApiTokens(TenantRepository tenants) {
        this.tenants = tenants;
    }

    public String bearer(String orgId, String provider) {
        return "Bearer " + tenants.findApiToken(UUID.fromString(orgId), provider)
                .orElseThrow(() -> new NormalizationException("no " + provider
                        + " API token is configured for this organization, so the event's details cannot be fetched"));
    }
}
