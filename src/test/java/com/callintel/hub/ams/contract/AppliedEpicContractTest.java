package com.callintel.hub.ams.contract;

import java.time.Duration;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applied-epic connector and the admin API's connection test against recorded Applied API exchanges
 * (src/test/resources/contracts/applied-epic, taken from Applied's getting-started guide and OpenAPI examples), not
 * against the sandbox simulator: the token request, the access-level list, the search, the activity with its note
 * and the follow-up note must each be the recorded request, and the recorded answers carry the call through.
 */
class AppliedEpicContractTest extends HubIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String CLIENT = "6b0f3c2e-1d4a-4b5c-8e9f-0a1b2c3d4e5f";

    @Test
    void connectionTestCallAndFollowUpKeepTheRecordedAppliedContract() throws Exception {
        try (ContractStub epicApi = ContractStub.playing("applied-epic")) {
            egress.allowSandboxSimulator(epicApi.baseUrl());
            TestTenant tenant = newTenant();
            String connection = "{\"type\":\"applied-epic\",\"baseUrl\":\"" + epicApi.baseUrl() + "\",\"activityCode\":\"65536\","
                    + "\"credentials\":{\"clientId\":\"contract-key-0001\",\"clientSecret\":\"contract-secret-0001\"},\"settings\":"
                    + "{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\",\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\"%s}}";
            assertThat(call("PUT", "/api/admin/ams-connection", adminToken(tenant), connection.formatted("")).statusCode())
                    .isEqualTo(200);
            // the Settings page: "Test connection" lists the agency's levels, the admin saves the one chosen
            var tested = call("POST", "/api/admin/ams-connection/test", adminToken(tenant), "{}");
            assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
            assertThat(tested.body()).contains("\"ok\":true", "{\"id\":\"2\",\"description\":\"Benefits\"}");
            assertThat(call("PUT", "/api/admin/ams-connection", adminToken(tenant),
                    connection.formatted(",\"noteAccessLevelId\":\"2\"")).statusCode()).isEqualTo(200);

            send(tenant, "dialpad", "dialpad", "inbound-completed.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);
            send(tenant, "dialpad", "dialpad", "recap-summary.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(epicApi.differences()).as("requests that differ from the recorded contract").isEmpty();
            assertThat(epicApi.unused()).as("recorded exchanges the connector never made").isEmpty();
            assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
                assertThat(sync.get("status")).isEqualTo("synced");
                assertThat(sync.get("target_id")).isEqualTo(CLIENT);
            });
        }
    }
}
