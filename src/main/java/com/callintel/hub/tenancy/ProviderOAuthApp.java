package com.callintel.hub.tenancy;

import java.util.UUID;

/**
 * A provider account's OAuth app (Zoom's Server-to-Server OAuth): the provider's account id, the app's client id
 * and, opened from the vault, its client secret. {@code accountId} is the hub's provider account it belongs to.
 */
public record ProviderOAuthApp(UUID accountId, String providerAccountId, String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "ProviderOAuthApp[accountId=" + accountId + ", clientId=" + clientId + "]";
    }
}
