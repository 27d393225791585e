package com.callintel.hub.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations and their provider accounts; secrets go in and come out through the vault only. */
@Repository
public class TenantRepository {

    private final JdbcClient jdbc;
    private final SecretVault vault;
    private final EndpointKeyCache endpointKeys;

    TenantRepository(JdbcClient jdbc, SecretVault vault, EndpointKeyCacheProperties cache) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.endpointKeys = new EndpointKeyCache(cache);
    }

    public Optional<Organization> findOrganization(UUID orgId) {
        return jdbc.sql("select id, name, default_region, time_zone from organization where id = :id")
                .param("id", orgId)
                .query((rs, n) -> new Organization(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("default_region"), rs.getString("time_zone")))
                .optional();
    }

    public void saveOrganization(Organization org) {
        jdbc.sql("""
                insert into organization (id, name, default_region, time_zone) values (:id, :name, :region, :zone)
                on conflict (id) do update set name = excluded.name, default_region = excluded.default_region,
                    time_zone = excluded.time_zone, updated_at = now()
                """)
                .param("id", org.id()).param("name", org.name())
                .param("region", org.defaultRegion()).param("zone", org.timeZone())
                .update();
    }

    /** Where the organization's operational alerts are mailed (null: nowhere). */
    public void setAlertEmail(UUID orgId, String email) {
        jdbc.sql("update organization set alert_email = :email, updated_at = now() where id = :id")
                .param("email", email).param("id", orgId).update();
    }

    public Optional<String> alertEmail(UUID orgId) {
        return jdbc.sql("select alert_email from organization where id = :id and alert_email is not null")
                .param("id", orgId).query(String.class).optional();
    }

    /** Creates or replaces the account identified by {@code accountId}; the key and secret are sealed first. */
    public void saveProviderAccount(UUID orgId, UUID accountId, String provider, String endpointKey, String secret) {
        jdbc.sql("""
                insert into provider_account (org_id, id, provider, endpoint_key_hash, endpoint_key_enc, secret_enc)
                values (:org, :id, :provider, :keyHash, :keyEnc, :secretEnc)
                on conflict (org_id, id) do update set provider = excluded.provider,
                    endpoint_key_hash = excluded.endpoint_key_hash, endpoint_key_enc = excluded.endpoint_key_enc,
                    secret_enc = excluded.secret_enc, enabled = true, updated_at = now()
                """)
                .param("org", orgId).param("id", accountId).param("provider", provider)
                .param("keyHash", EndpointKeys.hash(endpointKey))
                .param("keyEnc", vault.seal(endpointKey, keyContext(accountId)))
                .param("secretEnc", vault.seal(secret, secretContext(accountId)))
                .update();
        endpointKeys.forgetAll();
    }

    /**
     * The enabled account behind an endpoint key, with its secret opened, or empty for an unknown key. Asked before
     * any other work on every webhook, so answered from memory when it can (known and unknown keys alike); a
     * change takes effect at once on this node and, through {@link EndpointKeyChanges}, on every other.
     */
    public Optional<ProviderAccount> findByEndpointKey(String endpointKey) {
        return endpointKeys.find(EndpointKeys.hash(endpointKey), this::loadByEndpointKeyHash);
    }

    private Optional<ProviderAccount> loadByEndpointKeyHash(byte[] keyHash) {
        return jdbc.sql("""
                select org_id, id, provider, secret_enc, enabled from provider_account
                where endpoint_key_hash = :hash and enabled
                """)
                .param("hash", keyHash)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ProviderAccount(rs.getObject("org_id", UUID.class), id, rs.getString("provider"),
                            vault.open(rs.getString("secret_enc"), secretContext(id)), rs.getBoolean("enabled"));
                })
                .optional();
    }

    /** Stores (sealed) the token a connector uses to call the provider's API for this account. */
    public void saveApiToken(UUID orgId, UUID accountId, String apiToken) {
        jdbc.sql("update provider_account set api_token_enc = :token, updated_at = now() where org_id = :org and id = :id")
                .param("token", apiToken == null ? null : vault.seal(apiToken, apiTokenContext(accountId)))
                .param("org", orgId).param("id", accountId)
                .update();
    }

    /** The opened API token of the organization's enabled account at {@code provider}, if one is stored. */
    public Optional<String> findApiToken(UUID orgId, String provider) {
        return jdbc.sql("""
                select id, api_token_enc from provider_account
                where org_id = :org and provider = :provider and enabled and api_token_enc is not null
                order by created_at limit 1
                """)
                .param("org", orgId).param("provider", provider)
                .query((rs, n) -> vault.open(rs.getString("api_token_enc"), apiTokenContext(rs.getObject("id", UUID.class))))
                .optional();
    }

    /**
     * Stores the account's OAuth app (the client secret sealed); the hub then asks the provider for access tokens
     * with it rather than using the account's API token.
     */
    public void saveOAuthApp(UUID orgId, UUID accountId, String providerAccountId, String clientId, String clientSecret) {
        jdbc.sql("""
                update provider_account set oauth_account_id = :account, oauth_client_id = :client,
                    oauth_client_secret_enc = :secret, updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("account", providerAccountId).param("client", clientId)
                .param("secret", vault.seal(clientSecret, oauthSecretContext(accountId)))
                .param("org", orgId).param("id", accountId)
                .update();
    }

    /** Removes the account's OAuth app: its API token, if any, is used again. */
    public void removeOAuthApp(UUID orgId, UUID accountId) {
        jdbc.sql("""
                update provider_account set oauth_account_id = null, oauth_client_id = null,
                    oauth_client_secret_enc = null, updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("org", orgId).param("id", accountId)
                .update();
    }

    /** The OAuth app of the organization's enabled account at {@code provider}, its secret opened, if one is stored. */
    public Optional<ProviderOAuthApp> findOAuthApp(UUID orgId, String provider) {
        return jdbc.sql("""
                select id, oauth_account_id, oauth_client_id, oauth_client_secret_enc from provider_account
                where org_id = :org and provider = :provider and enabled and oauth_client_secret_enc is not null
                order by created_at limit 1
                """)
                .param("org", orgId).param("provider", provider)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ProviderOAuthApp(id, rs.getString("oauth_account_id"), rs.getString("oauth_client_id"),
                            vault.open(rs.getString("oauth_client_secret_enc"), oauthSecretContext(id)));
                })
                .optional();
    }

    /** Every provider account of the organization with its webhook path key opened; never the secret. */
    public List<ProviderAccountView> listProviderAccounts(UUID orgId) {
        return jdbc.sql("""
                select id, provider, endpoint_key_enc, enabled, api_token_enc is not null as has_api_token,
                       oauth_client_id, created_at
                from provider_account where org_id = :org order by provider, created_at
                """)
                .param("org", orgId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ProviderAccountView(id, rs.getString("provider"),
                            vault.open(rs.getString("endpoint_key_enc"), keyContext(id)), rs.getBoolean("enabled"),
                            rs.getBoolean("has_api_token"), rs.getString("oauth_client_id"),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }

    /** The latest webhook the hub stored for an account: when it came and how its processing went. */
    public record LastWebhook(java.time.Instant receivedAt, String status) {
    }

    /** Each of the organization's accounts that has received a webhook, with the latest one (by arrival). */
    public java.util.Map<UUID, LastWebhook> lastWebhooks(UUID orgId) {
        return jdbc.sql("""
                select a.id, e.received_at, e.status from provider_account a
                join lateral (select received_at, status from inbound_event i
                              where i.org_id = a.org_id and i.provider_account_id = a.id
                              order by i.id desc limit 1) e on true
                where a.org_id = :org
                """)
                .param("org", orgId)
                .query((rs, n) -> java.util.Map.entry(rs.getObject("id", UUID.class),
                        new LastWebhook(rs.getTimestamp("received_at").toInstant(), rs.getString("status"))))
                .list().stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    public Optional<ProviderAccountView> findProviderAccount(UUID orgId, UUID accountId) {
        return listProviderAccounts(orgId).stream().filter(a -> a.id().equals(accountId)).findFirst();
    }

    /** Replaces the webhook secret; the old one stops working with the next request. */
    public boolean rotateSecret(UUID orgId, UUID accountId, String secret) {
        boolean rotated = jdbc.sql("update provider_account set secret_enc = :secret, updated_at = now() where org_id = :org and id = :id")
                .param("secret", vault.seal(secret, secretContext(accountId)))
                .param("org", orgId).param("id", accountId)
                .update() == 1;
        endpointKeys.forgetAll();
        return rotated;
    }

    /** Replaces the endpoint key; the old webhook URL stops working at once. */
    public boolean rotateEndpointKey(UUID orgId, UUID accountId, String endpointKey) {
        boolean rotated = jdbc.sql("""
                update provider_account set endpoint_key_hash = :hash, endpoint_key_enc = :enc, updated_at = now()
                where org_id = :org and id = :id
                """)
                .param("hash", EndpointKeys.hash(endpointKey))
                .param("enc", vault.seal(endpointKey, keyContext(accountId)))
                .param("org", orgId).param("id", accountId)
                .update() == 1;
        endpointKeys.forgetAll();
        return rotated;
    }

    /** Removes the account and with it its secrets: the hub stops accepting its webhooks at once. */
    public boolean deleteProviderAccount(UUID orgId, UUID accountId) {
        boolean deleted = jdbc.sql("delete from provider_account where org_id = :org and id = :id")
                .param("org", orgId).param("id", accountId)
                .update() == 1;
        endpointKeys.forgetAll();
        return deleted;
    }

    /** A provider account changed on some node (see {@link EndpointKeyChanges}): nothing remembered may be used. */
    void forgetCachedEndpointKeys() {
        endpointKeys.forgetAll();
    }

    private static String keyContext(UUID accountId) {
        return "provider_account:" + accountId + ":endpoint_key";
    }

    private static String apiTokenContext(UUID accountId) {
        return "provider_account:" + accountId + ":api_token";
    }

    private static String oauthSecretContext(UUID accountId) {
        return "provider_account:" + accountId + ":oauth_client_secret";
    }

    private static String secretContext(UUID accountId) {
        return "provider_account:" + accountId + ":secret";
    }
}
