package com.callintel.hub.access;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only audit log: who did what to which organization's data, and when. */
@Repository
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(HubUser user, String action, String target, int status) {
        jdbc.sql("""
                insert into audit_log (org_id, user_id, role, action, target, status)
                values (:org, :user, :role, :action, :target, :status)
                """)
                .param("org", user.orgId()).param("user", user.userId()).param("role", user.role().name().toLowerCase())
                .param("action", action).param("target", target).param("status", status)
                .update();
    }

    public List<Map<String, Object>> latest(UUID orgId, int limit) {
        return jdbc.sql("""
                select id, at::text as at, user_id as "userId", role, action, target, status
                from audit_log where org_id = :org order by id desc limit :limit
                """)
                .param("org", orgId).param("limit", limit).query().listOfRows();
    }
}
