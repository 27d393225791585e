package com.callintel.hub.sandbox;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo organization of the default run and one provider account per VoIP provider, with endpoint keys and
 * secrets from configuration (overridable by environment variables). Off in production.
 */
@ConfigurationProperties("callintel.sandbox")
public record SandboxProperties(boolean enabled, UUID orgId, String orgName, String region, String timeZone,
                                boolean mailbox, String alertEmail, Map<String, Account> accounts) {

    public SandboxProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /**
     * A demo provider account: its id, the key in its webhook URL, its webhook secret and, for connectors that
     * call the provider's API, an optional API token.
     */
    public record Account(UUID id, String endpointKey, String secret, String apiToken) {
    }
}
