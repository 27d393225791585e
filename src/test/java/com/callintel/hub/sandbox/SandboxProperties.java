package com.callintel.hub.sandbox;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo organization of the default run and one provider account per VoIP provider, with endpoint keys and
 * secrets from configuration (overridable by environment variables), and whether its calls get AI analyses (from
 * the sandbox's Anthropic simulator). Off in production.
 */
@ConfigurationProperties("callintel.sandbox")
public record SandboxProperties(boolean enabled, UUID orgId, String orgName, String region, String timeZone,
                                boolean mailbox, String alertEmail, Map<String, Account> accounts, boolean aiAnalysis) {

    public SandboxProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /**
     * A demo provider account: its id, the key in its webhook URL, its webhook secret and, for connectors that
     * call the provider's API, an optional API token.
     */
    public record Account(UUID id, String endpointKey, String secret, String apiToken) {
    }

    /**
     * The demo account of a provider: the configured one, else one made up the same way on every run for a connector
     * installed without configuration (a file dropped into connectors/voip/), so its webhook URL stays the same.
     */
    public Account accountFor(String provider) {
        Account configured = accounts.get(provider);
        return configured != null ? configured : derivedAccount(provider);
    }

    /** The made-up demo account of a connector nobody configured one for: same on every run, sandbox only. */
    public static Account derivedAccount(String provider) {
        byte[] seed = ("callintel-demo:" + provider).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String suffix = java.util.HexFormat.of().formatHex(UUID.nameUUIDFromBytes(seed).toString().getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).substring(0, 6);
        return new Account(UUID.nameUUIDFromBytes(seed), "demo-" + provider + "-" + suffix, "demo-secret-" + provider, null);
    }
}
