package com.callintel.hub.privacy;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Correction: an admin updates the organization's account and team details; what is stored is what was sent. */
class CorrectionTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void accountDetailsAreCorrectedAndReadBack() throws Exception {
        TestTenant tenant = newTenant();
        var updated = call("PUT", "/api/admin/organization", adminToken(tenant), """
                {"name":"Bell & Partners Insurance","defaultRegion":"gb","timeZone":"Europe/London",
                 "alertEmail":"ops@bell-partners.example"}""");
        assertThat(updated.statusCode()).isEqualTo(200);

        JsonNode read = JSON.readTree(call("GET", "/api/admin/organization", adminToken(tenant), null).body());
        assertThat(read.path("name").asText()).isEqualTo("Bell & Partners Insurance");
        assertThat(read.path("defaultRegion").asText()).isEqualTo("GB");
        assertThat(read.path("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(read.path("alertEmail").asText()).isEqualTo("ops@bell-partners.example");
        assertThat(tenants.findOrganization(tenant.orgId()).orElseThrow().timeZone())
                .as("stored, not only echoed").isEqualTo("Europe/London");
    }

    @Test
    void aPartialCorrectionKeepsTheOtherDetails() throws Exception {
        TestTenant tenant = newTenant();
        call("PUT", "/api/admin/organization", adminToken(tenant), "{\"timeZone\":\"America/New_York\"}");

        JsonNode read = JSON.readTree(call("GET", "/api/admin/organization", adminToken(tenant), null).body());
        assertThat(read.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(read.path("name").asText()).isEqualTo("Test Agency " + tenant.orgId());
        assertThat(read.path("defaultRegion").asText()).isEqualTo("US");
    }

    @Test
    void wrongDetailsAreRefusedNamingTheField() {
        TestTenant tenant = newTenant();
        for (String[] bad : new String[][] {{"timeZone", "Mars/Olympus"}, {"defaultRegion", "XX"},
                {"alertEmail", "not-an-address"}}) {
            var refused = call("PUT", "/api/admin/organization", adminToken(tenant),
                    "{\"" + bad[0] + "\":\"" + bad[1] + "\"}");
            assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(refused.body()).contains(bad[0]);
        }
        assertThat(tenants.findOrganization(tenant.orgId()).orElseThrow().timeZone()).isEqualTo("America/Chicago");
    }

    @Test
    void teamDetailsAreReplacedAsAWhole() throws Exception {
        TestTenant tenant = newTenant();
        call("PUT", "/api/admin/agents", adminToken(tenant), """
                [{"memberId":"user_ana","provider":"zoom","providerUserId":"z-ana","email":"ana@agency.example"},
                 {"memberId":"user_bo","provider":"zoom","providerUserId":"z-bo"}]""");
        var corrected = call("PUT", "/api/admin/agents", adminToken(tenant), """
                [{"memberId":"user_ana","provider":"zoom","providerUserId":"z-ana-2","extension":"204"}]""");
        assertThat(corrected.statusCode()).isEqualTo(200);

        JsonNode team = JSON.readTree(call("GET", "/api/admin/agents", adminToken(tenant), null).body());
        assertThat(team).hasSize(1);
        assertThat(team.get(0).toString()).contains("user_ana", "z-ana-2", "204").doesNotContain("ana@agency.example");
        assertThat(jdbc.sql("select count(*) from agent_mapping where org_id = :org and member_id = 'user_bo'")
                .param("org", tenant.orgId()).query(Long.class).single()).as("the removed member is gone").isZero();
    }
}
