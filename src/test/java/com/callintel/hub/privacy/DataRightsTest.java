package com.callintel.hub.privacy;

import java.util.List;

import com.callintel.hub.support.DatabaseScan;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An organization can take everything the hub holds for it, and have all of it deleted. */
class DataRightsTest extends HubIntegrationTest {

    @Test
    void exportHoldsEveryRecordOfTheOrganizationAndNothingOfAnother() throws Exception {
        TestTenant mine = newTenant();
        TestTenant other = newTenant();
        send(mine, "dialpad", "dialpad", "inbound-completed.json");
        send(mine, "dialpad", "dialpad", "sms-inbound.json");
        send(other, "zoom", "zoom", "inbound-completed.json");
        awaitProcessed(mine);
        awaitProcessed(other);
        assertThat(openTicket(mine, "Export of mine", "Mine: where is the call list?")).isEqualTo(201);
        assertThat(openTicket(other, "Export of the other", "Other: not for the first")).isEqualTo(201);
        String admin = signInAdmin(mine, "pat");
        signInAdmin(other, "kim");
        for (TestTenant tenant : List.of(mine, other)) {
            jdbc.sql("insert into billing_account (org_id, customer_id, state, state_at) values (:org, :customer, 'active', now())")
                    .param("org", tenant.orgId()).param("customer", "cus_" + tenant.orgId()).update();
        }

        var response = call("GET", "/api/admin/export", adminToken(mine), null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode export = new ObjectMapper().readTree(response.body());

        assertThat(export.path("format").asText()).isEqualTo(DataRights.FORMAT);
        assertThat(export.path("organization").get(0).path("id").asText()).isEqualTo(mine.orgId().toString());
        assertThat(export.path("calls")).hasSize(1);
        assertThat(export.path("calls").get(0).path("provider_call_id").asText()).isEqualTo("6263000000000001");
        assertThat(export.path("smsMessages").get(0).path("body").asText()).isEqualTo("Hi, can you send my auto ID card?");
        assertThat(export.path("webhookEvents")).hasSize(2);
        assertThat(export.path("providerAccounts")).hasSize(connectors.voipConnectors().size());
        assertThat(export.path("supportTickets")).hasSize(1);
        assertThat(export.path("supportTickets").get(0).path("subject").asText()).isEqualTo("Export of mine");
        assertThat(export.path("supportTickets").get(0).path("body").asText()).isEqualTo("Mine: where is the call list?");
        assertThat(export.path("supportTicketChanges").isArray()).isTrue();
        assertThat(export.path("billingAccount")).hasSize(1);
        assertThat(export.path("billingAccount").get(0).path("customer_id").asText()).isEqualTo("cus_" + mine.orgId());
        assertThat(export.path("billingStateChanges").isArray()).isTrue();
        assertThat(export.path("billingEvents").isArray()).isTrue();
        assertThat(export.path("admins")).as("the admins the notices are mailed to").hasSize(1);
        assertThat(export.path("admins").get(0).path("email").asText()).isEqualTo(admin);
        assertThat(export.path("admins").get(0).path("last_signed_in_at").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Other: not for the first");
        assertThat(response.body()).doesNotContain(other.orgId().toString()).doesNotContain("7412000000000000001")
                .doesNotContain("secret").doesNotContain("_enc");
    }

    @Test
    void deletingTheOrganizationLeavesNoRowWithItsIdInAnyTable() {
        TestTenant doomed = newTenant();
        TestTenant bystander = newTenant();
        for (TestTenant t : List.of(doomed, bystander)) {
            connectAppliedEpic(t, epic, null);
            send(t, "zoom", "zoom", "inbound-completed.json");
            send(t, "zoom", "zoom", "sms-inbound.json");
            call("PUT", "/api/admin/agents", adminToken(t), "[{\"memberId\":\"m1\",\"provider\":\"zoom\",\"providerUserId\":\"u1\"}]");
            assertThat(openTicket(t, "Before deletion", "A ticket is account data")).isEqualTo(201);
            awaitProcessed(t);
        }
        // a status change (as support makes it) and a mail still waiting: both go with the organization
        long ticket = jdbc.sql("select id from support_ticket where org_id = :org").param("org", doomed.orgId())
                .query(Long.class).single();
        jdbc.sql("""
                insert into support_ticket_change (org_id, ticket_id, operator_id, from_status, to_status, reply)
                values (:org, :ticket, 'user_demo_operator', 'open', 'in-progress', 'On it')
                """).param("org", doomed.orgId()).param("ticket", ticket).update();
        jdbc.sql("""
                insert into support_mail (org_id, ticket_id, recipient, subject, body, next_attempt_at)
                values (:org, :ticket, 'late@agency.test', 'later', 'later', now() + interval '1 day')
                """).param("org", doomed.orgId()).param("ticket", ticket).update();
        signInAdmin(doomed, "dee");
        assertThat(tablesHolding(doomed)).contains("support_ticket", "support_ticket_change", "support_mail",
                "organization_admin");
        assertThat(call("DELETE", "/api/admin/organization", adminToken(doomed), null).statusCode())
                .as("needs confirming").isEqualTo(400);
        assertThat(tablesHolding(doomed)).isNotEmpty();

        assertThat(call("DELETE", "/api/admin/organization?confirm=delete-everything", adminToken(doomed), null)
                .statusCode()).isEqualTo(204);

        assertThat(tablesHolding(doomed)).as("tables still holding the deleted organization's id").isEmpty();
        assertThat(tablesHolding(bystander)).as("the other organization is untouched")
                .contains("call", "sms_message", "inbound_event", "provider_account", "ams_connection", "agent_mapping",
                        "support_ticket");
        assertThat(call("GET", "/api/calls", adminToken(doomed), null).body()).isEqualTo("[]");
    }

    @Test
    void exportOfAnOrganizationWithManyCallsIsOneWellFormedDocumentWithEveryRow() throws Exception {
        TestTenant big = newTenant();
        int calls = 5000;
        // rows straight into the table: the export, not the intake, is under test here
        jdbc.sql("""
                insert into call (org_id, provider, provider_call_id, direction, external_number, external_name, transcript)
                select :org, 'zoom', 'bulk-' || n, 'inbound', '+1555555' || lpad(n::text, 4, '0'), 'Caller ' || n,
                    repeat('transcript line ', 20)
                from generate_series(1, :calls) n
                """).param("org", big.orgId()).param("calls", calls).update();

        var response = call("GET", "/api/admin/export", adminToken(big), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode export = new ObjectMapper().readTree(response.body());
        assertThat(export.path("format").asText()).isEqualTo(DataRights.FORMAT);
        JsonNode rows = export.path("calls");
        assertThat(rows).hasSize(calls);
        for (int i = 0; i < calls; i++) {
            assertThat(rows.get(i).path("provider_call_id").asText()).isEqualTo("bulk-" + (i + 1));
        }
        assertThat(export.path("smsMessages").isArray() && export.path("auditLog").isArray())
                .as("the sections after the calls are there too").isTrue();
    }

    @Test
    void privacyStatusShowsTheOrganizationsOwnFiguresNeverTheHubWidePurgeVolumes() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        send(a, "dialpad", "dialpad", "inbound-completed.json");
        send(b, "zoom", "zoom", "inbound-completed.json");
        awaitProcessed(a);
        awaitProcessed(b);
        jdbc.sql("update call set purged_at = now() where org_id = :org").param("org", a.orgId()).update();
        // a purge run that masked and deleted org A's (and everyone's) rows, with volumes no tenant may see
        jdbc.sql("""
                insert into purge_run (job, node, started_at, finished_at, rows_masked, rows_deleted, scheduled_for)
                values ('purge-after-sync', 'node-x', now(), now(), 987651, 987652, now() + interval '100 years')
                """).update();

        var status = call("GET", "/api/privacy/status", adminToken(b), null);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).doesNotContain("987651").doesNotContain("987652")
                .doesNotContain("rowsMasked").doesNotContain("rowsDeleted")
                .contains("\"purgedRecords\":0").contains("\"job\":\"purge-after-sync\"");
        assertThat(call("GET", "/api/privacy/status", adminToken(a), null).body()).contains("\"purgedRecords\":1");
    }

    private int openTicket(TestTenant tenant, String subject, String text) {
        return call("POST", "/api/support/tickets", adminToken(tenant), "{\"category\":\"privacy\",\"subject\":\""
                + subject + "\",\"text\":\"" + text + "\"}").statusCode();
    }

    /** Every table of the schema that has a row with the organization's id (org_id, or organization.id). */
    private java.util.Set<String> tablesHolding(TestTenant tenant) {
        return new DatabaseScan(jdbc).tablesWithRowsOf(tenant.orgId());
    }
}
