package com.callintel.hub.tenancy;

import java.util.UUID;

/** A tenant's account at one VoIP provider, as the intake needs it: who owns it and the opened webhook secret. */
public record ProviderAccount(UUID orgId, UUID id, String provider, String webhookSecret, boolean enabled) {

    @Override
    public String toString() {
        // never print the secret
        return "ProviderAccount[org=" + orgId + ", id=" + id + ", provider=" + provider + "]";
    }
}
