package com.callintel.hub.ams;

import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.tenancy.SecretVault;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organization's AMS connection. Credentials go in sealed and only ever come out to the AMS connector. */
@Repository
public class AmsConnectionRepository {

    /** The AMS connection as the admin sees it: everything but the credentials (times ISO-8601, UTC). */
    public record AmsConnectionView(String type, String baseUrl, String activityCode, JsonNode settings,
                                    boolean credentialsSet, String updatedBy, String updatedAt, Boolean lastTestOk,
                                    String lastTestedAt) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private final JdbcClient jdbc;
    private final SecretVault vault;

    AmsConnectionRepository(JdbcClient jdbc, SecretVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    public void save(UUID orgId, String amsType, String baseUrl, String credentialsJson, String activityCode,
                     String settingsJson, String by) {
        jdbc.sql("""
                insert into ams_connection (org_id, ams_type, base_url, credentials_enc, activity_code, settings, updated_by)
                values (:org, :type, :url, :creds, :code, cast(:settings as jsonb), :by)
                on conflict (org_id) do update set ams_type = excluded.ams_type, base_url = excluded.base_url,
                    credentials_enc = excluded.credentials_enc, activity_code = excluded.activity_code,
                    settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now(),
                    last_test_ok = null, last_tested_at = null
                """)
                .param("org", orgId).param("type", amsType).param("url", baseUrl)
                .param("creds", vault.seal(credentialsJson, context(orgId)))
                .param("code", activityCode).param("settings", settingsJson == null ? "{}" : settingsJson).param("by", by)
                .update();
    }

    /** The connection with its credentials opened, for the AMS connectors only. */
    public Optional<AmsConnection> open(UUID orgId) {
        return jdbc.sql("""
                select ams_type, base_url, credentials_enc, activity_code, settings::text as settings, updated_at
                from ams_connection where org_id = :org
                """)
                .param("org", orgId)
                .query((rs, n) -> {
                    try {
                        return new AmsConnection(orgId, rs.getString("ams_type"), rs.getString("base_url"),
                                MAPPER.readTree(vault.open(rs.getString("credentials_enc"), context(orgId))),
                                rs.getString("activity_code"), MAPPER.readTree(rs.getString("settings")),
                                rs.getTimestamp("updated_at").toInstant());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored AMS connection of " + orgId + " is not JSON", e);
                    }
                })
                .optional();
    }

    /** What an admin may see of the connection: everything but the credentials. */
    public Optional<AmsConnectionView> describe(UUID orgId) {
        return jdbc.sql("select ams_type, base_url, activity_code, settings::text as settings, updated_by, updated_at, last_test_ok, last_tested_at "
                + "from ams_connection where org_id = :org")
                .param("org", orgId)
                .query((rs, n) -> {
                    java.sql.Timestamp tested = rs.getTimestamp("last_tested_at");
                    return new AmsConnectionView(rs.getString("ams_type"), rs.getString("base_url"),
                            rs.getString("activity_code"), readTree(rs.getString("settings")), true,
                            rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant().toString(),
                            tested == null ? null : rs.getBoolean("last_test_ok"),
                            tested == null ? null : tested.toInstant().toString());
                })
                .optional();
    }

    /**
     * Keeps one connector setting the hub chose for the connection (the Epic note access level taken from the
     * agency's list), if the connection is still the version {@code version} it was chosen for: an admin's save in
     * between wins. The version stays as it is, so tokens and tickets of the connection remain valid.
     */
    public boolean rememberSetting(UUID orgId, java.time.Instant version, String name, String value) {
        return jdbc.sql("""
                update ams_connection set settings = jsonb_set(coalesce(settings, '{}'::jsonb), array[:name], to_jsonb(cast(:value as text)))
                where org_id = :org and updated_at = :version
                """)
                .param("org", orgId).param("version", java.sql.Timestamp.from(version)).param("name", name)
                .param("value", value).update() == 1;
    }

    /** The outcome of the last "Test connection": passed or not, and when. */
    public record LastTest(boolean ok, java.time.Instant at) {
    }

    /**
     * Keeps the outcome of a "Test connection" of the connection version {@code version}; a save in between (new
     * credentials, untested) wins and nothing is kept.
     */
    public boolean recordTest(UUID orgId, java.time.Instant version, boolean ok, java.time.Instant at) {
        return jdbc.sql("""
                update ams_connection set last_test_ok = :ok, last_tested_at = :at
                where org_id = :org and updated_at = :version
                """)
                .param("org", orgId).param("version", java.sql.Timestamp.from(version)).param("ok", ok)
                .param("at", java.sql.Timestamp.from(at)).update() == 1;
    }

    /** The last test of the organization's connection, empty without a connection or a test since its last save. */
    public Optional<LastTest> lastTest(UUID orgId) {
        return jdbc.sql("select last_test_ok, last_tested_at from ams_connection where org_id = :org and last_tested_at is not null")
                .param("org", orgId)
                .query((rs, n) -> new LastTest(rs.getBoolean("last_test_ok"), rs.getTimestamp("last_tested_at").toInstant()))
                .optional();
    }

    /** Removing the connection revokes its credentials at once: nothing is cached. */
    public boolean delete(UUID orgId) {
        return jdbc.sql("delete from ams_connection where org_id = :org").param("org", orgId).update() == 1;
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }

    private static String context(UUID orgId) {
        return "ams_connection:" + orgId + ":credentials";
    }
}
