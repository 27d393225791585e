package com.callintel.hub.processing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored event its connector cannot normalize is kept, failed with its reason, and not retried forever. */
class NormalizationFailureTest extends HubIntegrationTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void eventBreakingTheCanonicalContractFailsOnceWithItsReason() {
        TestTenant tenant = newTenant();
        String sideways = new String(fixture("goto", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("\"INBOUND\"", "\"SIDEWAYS\"");
        assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"), sideways.getBytes(StandardCharsets.UTF_8), JSON)
                .statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        var failed = jdbc.sql("select attempts, failure_reason from inbound_event where org_id = :org and status = 'failed'")
                .param("org", tenant.orgId()).query().singleRow();
        assertThat((String) failed.get("failure_reason")).contains("direction").contains("sideways");
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat(calls(tenant)).isZero();
    }

    @Test
    void connectorExpressionErrorFailsWithoutRetries() {
        TestTenant tenant = newTenant();
        // direction as a number makes the connector's jq (ascii_downcase) fail
        String numeric = new String(fixture("goto", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("\"INBOUND\"", "42");
        assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"), numeric.getBytes(StandardCharsets.UTF_8), JSON)
                .statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        var failed = jdbc.sql("select attempts from inbound_event where org_id = :org and status = 'failed'")
                .param("org", tenant.orgId()).query().singleRow();
        assertThat(failed.get("attempts")).isEqualTo(1);
    }

    @Test
    void eventTheConnectorCannotNameIsStoredAndShownNotLost() {
        TestTenant tenant = newTenant();
        assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"),
                "{\"source\":\"something-new\",\"content\":{}}".getBytes(StandardCharsets.UTF_8), JSON).statusCode())
                .isEqualTo(200);
        awaitProcessed(tenant);

        var row = jdbc.sql("select event_kind, status, failure_reason from inbound_event where org_id = :org")
                .param("org", tenant.orgId()).query().singleRow();
        assertThat(row.get("event_kind")).isEqualTo("unidentified");
        assertThat(row.get("status")).isEqualTo("ignored");
        assertThat((String) row.get("failure_reason")).contains("not a GoTo");
    }
}
