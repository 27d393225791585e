package com.callintel.hub.ams.contract;

import java.time.Duration;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ams360 connector against recorded WSAPI v3 exchanges (src/test/resources/contracts/ams360, taken from the
 * public WSDL and live captures), not against the sandbox simulator: every envelope the hub sends must be the
 * recorded one, member by member, and the recorded answers must carry the call through to a written note and a
 * follow-up note. A simulator that drifted along with the connector cannot hide a regression here.
 */
class Ams360ContractTest extends HubIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String CUSTOMER = "7d1e4f2a-5b3c-4e8d-9a10-2b3c4d5e6f70";

    @Test
    void callAndItsFollowUpKeepTheRecordedWsapiContract() throws Exception {
        try (ContractStub ams360 = ContractStub.playing("ams360")) {
            egress.allowSandboxSimulator(ams360.baseUrl());
            TestTenant tenant = newTenant();
            // the base URL as integrators give it to agencies (A3): the hub must not double the /v3
            var connected = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"ams360\",\"baseUrl\":\""
                    + ams360.baseUrl() + "/v3\",\"activityCode\":\"Phone Call\",\"credentials\":{\"agencyNo\":\"8880006-1\","
                    + "\"loginId\":\"callintel-contract\",\"password\":\"Contract-Passw0rd1\",\"employeeCode\":\"\"},\"settings\":{}}");
            assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);

            send(tenant, "dialpad", "dialpad", "inbound-completed.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);
            send(tenant, "dialpad", "dialpad", "recap-summary.json");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(ams360.differences()).as("requests that differ from the recorded contract").isEmpty();
            assertThat(ams360.unused()).as("recorded exchanges the connector never made").isEmpty();
            assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
                assertThat(sync.get("status")).isEqualTo("synced");
                assertThat(sync.get("target_id")).isEqualTo(CUSTOMER);
            });
        }
    }
}
