package com.callintel.hub.ams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.tenancy.SecretVault;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organization's AMS connection. Credentials go in sealed and only ever come out to the AMS connector. */
@Repository
public class AmsConnectionRepository {

    private final JdbcClient jdbc;
    private final SecretVault vault;

    AmsConnectionRepository(JdbcClient jdbc, SecretVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    public void save(UUID orgId, String amsType, String baseUrl, String credentialsJson, String activityCode, String by) {
        jdbc.sql("""
                insert into ams_connection (org_id, ams_type, base_url, credentials_enc, activity_code, updated_by)
                values (:org, :type, :url, :creds, :code, :by)
                on conflict (org_id) do update set ams_type = excluded.ams_type, base_url = excluded.base_url,
                    credentials_enc = excluded.credentials_enc, activity_code = excluded.activity_code,
                    updated_by = excluded.updated_by, updated_at = now()
                """)
                .param("org", orgId).param("type", amsType).param("url", baseUrl)
                .param("creds", vault.seal(credentialsJson, context(orgId)))
                .param("code", activityCode).param("by", by)
                .update();
    }

    /** What an admin may see of the connection: everything but the credentials. */
    public Optional<Map<String, Object>> describe(UUID orgId) {
        return jdbc.sql("select ams_type, base_url, activity_code, updated_by, updated_at from ams_connection where org_id = :org")
                .param("org", orgId)
                .query((rs, n) -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("type", rs.getString("ams_type"));
                    view.put("baseUrl", rs.getString("base_url"));
                    view.put("activityCode", rs.getString("activity_code"));
                    view.put("credentialsSet", true);
                    view.put("updatedBy", rs.getString("updated_by"));
                    view.put("updatedAt", rs.getTimestamp("updated_at").toInstant().toString());
                    return view;
                })
                .optional();
    }

    /** Removing the connection revokes its credentials at once: nothing is cached. */
    public boolean delete(UUID orgId) {
        return jdbc.sql("delete from ams_connection where org_id = :org").param("org", orgId).update() == 1;
    }

    private static String context(UUID orgId) {
        return "ams_connection:" + orgId + ":credentials";
    }
}
