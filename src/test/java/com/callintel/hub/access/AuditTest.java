package com.callintel.hub.access;

import java.util.List;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every read of personal data and every admin action leaves an audit row, which nobody can change or remove. */
class AuditTest extends HubIntegrationTest {

    @Test
    void readsOfCallsAndAdminActionsAreAudited() {
        TestTenant tenant = newTenant();
        call("GET", "/api/calls", agentToken(tenant), null);
        call("GET", "/api/calls/42", agentToken(tenant), null);
        call("PUT", "/api/admin/organization", adminToken(tenant), "{\"name\":\"Renamed Agency\"}");
        call("GET", "/api/admin/agents", agentToken(tenant), null);
        awaitAuditRows(tenant, 4);

        List<Map<String, Object>> rows = jdbc.sql("select user_id, role, action, target, status from audit_log "
                + "where org_id = :org order by id").param("org", tenant.orgId()).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("action") + " " + r.get("status")).containsExactly(
                "GET /api/calls 200", "GET /api/calls/{id} 404", "PUT /api/admin/organization 200",
                "GET /api/admin/agents 403");
        assertThat(rows.get(0)).containsEntry("user_id", "user_org:member_" + tenant.orgId()).containsEntry("role", "agent");
        assertThat(rows.get(1)).containsEntry("target", "/api/calls/42");
    }

    @Test
    void adminsReadTheirOrganizationsAuditLog() {
        TestTenant tenant = newTenant();
        call("GET", "/api/messages", agentToken(tenant), null);
        awaitAuditRows(tenant, 1);

        var log = call("GET", "/api/admin/audit", adminToken(tenant), null);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).contains("\"action\":\"GET /api/messages\"");
        assertThat(call("GET", "/api/admin/audit", agentToken(tenant), null).statusCode()).isEqualTo(403);
    }

    @Test
    void auditRowsCannotBeChangedOrRemoved() {
        TestTenant tenant = newTenant();
        call("GET", "/api/calls", agentToken(tenant), null);
        awaitAuditRows(tenant, 1);

        assertThatThrownBy(() -> jdbc.sql("update audit_log set action = 'nothing' where org_id = :org")
                .param("org", tenant.orgId()).update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where org_id = :org")
                .param("org", tenant.orgId()).update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_log where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void deletingTheWholeOrganizationTakesItsAuditRowsWithIt() {
        TestTenant tenant = newTenant();
        call("GET", "/api/calls", agentToken(tenant), null);
        awaitAuditRows(tenant, 1);

        jdbc.sql("delete from organization where id = :org").param("org", tenant.orgId()).update();

        assertThat(jdbc.sql("select count(*) from audit_log where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single()).isZero();
    }

    /** The audit row of an API call is written when its answer completes, just after the client has it. */
    private void awaitAuditRows(TestTenant tenant, int rows) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "select count(*) from audit_log where org_id = :org").param("org", tenant.orgId()).query(Long.class).single() >= rows);
    }
}
