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
            awaitProcessed(t);
        }
        assertThat(call("DELETE", "/api/admin/organization", adminToken(doomed), null).statusCode())
                .as("needs confirming").isEqualTo(400);
        assertThat(tablesHolding(doomed)).isNotEmpty();

        assertThat(call("DELETE", "/api/admin/organization?confirm=delete-everything", adminToken(doomed), null)
                .statusCode()).isEqualTo(204);

        assertThat(tablesHolding(doomed)).as("tables still holding the deleted organization's id").isEmpty();
        assertThat(tablesHolding(bystander)).as("the other organization is untouched")
                .contains("call", "sms_message", "inbound_event", "provider_account", "ams_connection", "agent_mapping");
        assertThat(call("GET", "/api/calls", adminToken(doomed), null).body()).isEqualTo("[]");
    }

    /** Every table of the schema that has a row with the organization's id (org_id, or organization.id). */
    private java.util.Set<String> tablesHolding(TestTenant tenant) {
        return new DatabaseScan(jdbc).tablesWithRowsOf(tenant.orgId());
    }
}
