package com.callintel.hub.ams.contract;

import java.time.Duration;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ezlynx connector against recorded EZLynx exchanges (src/test/resources/contracts/ezlynx and ezlynx-gateway,
 * shaped from public clients that run against EZLynx: ams-contract-evidence Z1-Z4), not against the sandbox
 * simulator: each auth scheme, the applicant the agent named, the discussion found or made, the note and the
 * follow-up must each be the recorded request, and the recorded answers carry the call through.
 */
class EzLynxContractTest extends HubIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String APPLICANT = "220250093";

    @Test
    void ezTokenSessionNewDiscussionAndFollowUpKeepTheRecordedContract() throws Exception {
        try (ContractStub ezlynx = ContractStub.playing("ezlynx")) {
            egress.allowSandboxSimulator(ezlynx.baseUrl());
            TestTenant tenant = newTenant();
            connect(tenant, ezlynx, "{\"username\":\"contract.agent\",\"password\":\"contract-password\","
                    + "\"appSecret\":\"contract-app-secret\"}", "{\"authScheme\":\"eztoken\"}");

            send(tenant, "dialpad", "dialpad", "inbound-completed.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);
            name(tenant, APPLICANT);
            awaitSyncsSettled(tenant, SETTLE);
            send(tenant, "dialpad", "dialpad", "recap-summary.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(ezlynx.differences()).as("requests that differ from the recorded contract").isEmpty();
            assertThat(ezlynx.unused()).as("recorded exchanges the connector never made").isEmpty();
            assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
                assertThat(sync.get("status")).isEqualTo("synced");
                assertThat(sync.get("target_id")).isEqualTo(APPLICANT);
                assertThat(sync.get("ams_record_id")).isEqualTo("8813");
            });
        }
    }

    @Test
    void vendorDataAccessGrantAndExistingDiscussionKeepTheRecordedContract() throws Exception {
        try (ContractStub ezlynx = ContractStub.playing("ezlynx-gateway")) {
            egress.allowSandboxSimulator(ezlynx.baseUrl());
            TestTenant tenant = newTenant();
            connect(tenant, ezlynx, "{\"clientId\":\"contract-client\",\"clientSecret\":\"contract-client-secret\","
                    + "\"username\":\"contract.agent\",\"integrationGroupId\":\"contract-group-7\"}",
                    "{\"authScheme\":\"vendor-data-access\",\"noteNumbers\":\"omit\"}");

            send(tenant, "dialpad", "dialpad", "inbound-completed.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);
            name(tenant, APPLICANT);
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(ezlynx.differences()).as("requests that differ from the recorded contract").isEmpty();
            assertThat(ezlynx.unused()).as("recorded exchanges the connector never made").isEmpty();
            assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
                assertThat(sync.get("status")).isEqualTo("synced");
                assertThat(sync.get("ams_record_id")).isEqualTo("8813");
            });
        }
    }

    private void connect(TestTenant tenant, ContractStub ezlynx, String credentials, String settings) {
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"ezlynx\",\"baseUrl\":\""
                + ezlynx.baseUrl() + "\",\"credentials\":" + credentials + ",\"settings\":" + settings + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** EZLynx has no phone search: the sync waits unmatched until the agent names the applicant. */
    private void name(TestTenant tenant, String applicantId) {
        Map<String, Object> sync = syncs(tenant).get(0);
        assertThat(sync.get("status")).isEqualTo("unmatched");
        var response = call("POST", "/api/ams-syncs/" + sync.get("id") + "/target", agentToken(tenant),
                "{\"targetId\":\"" + applicantId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
