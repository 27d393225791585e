package com.callintel.hub.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider account as an admin sees it: the endpoint key (to build the webhook URL), never a secret; of its
 * OAuth app only the client id ({@code null} without one).
 */
public record ProviderAccountView(UUID id, String provider, String endpointKey, boolean enabled, boolean hasApiToken,
                                  String oauthClientId, Instant createdAt) {

    @Override
    public String toString() {
        return "ProviderAccountView[id=" + id + ", provider=" + provider + "]";
    }
}
