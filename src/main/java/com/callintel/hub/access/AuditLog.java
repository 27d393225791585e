package com.callintel.hub.access;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only audit log: who did what to which organization's data, and when. */
@Repository
public class AuditLog {

    /** One audit row: who read or changed what, and the answer they got ({@code at} as PostgreSQL writes it). */
    public record AuditRow(long id, String at, String userId, String role, String action, String target, int status) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(HubUser user, String action, String target, int status) {
        record(user.orgId(), user.userId(), user.role().name().toLowerCase(), action, target, status);
    }

    /**
     * A row in an organization's log for someone who is not its member: a platform operator acting on the
     * organization's support ticket, so the agency sees what support did.
     */
    public void record(UUID orgId, String userId, String role, String action, String target, int status) {
        jdbc.sql("""
                insert into audit_log (org_id, user_id, role, action, target, status)
                values (:org, :user, :role, :action, :target, :status)
                """)
                .param("org", orgId).param("user", userId).param("role", role)
                .param("action", action).param("target", target).param("status", status)
                .update();
    }

    public List<AuditRow> latest(UUID orgId, int limit) {
        return jdbc.sql("""
                select id, at::text as at, user_id, role, action, target, status
                from audit_log where org_id = :org order by id desc limit :limit
                """)
                .param("org", orgId).param("limit", limit)
                .query((rs, n) -> new AuditRow(rs.getLong("id"), rs.getString("at"), rs.getString("user_id"),
                        rs.getString("role"), rs.getString("action"), rs.getString("target"), rs.getInt("status")))
                .list();
    }
}
