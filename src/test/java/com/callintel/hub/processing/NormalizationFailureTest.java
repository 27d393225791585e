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

        var failed = jdbc.sql("select attempts, failure_reason from inbound_event where org_id = :org and status = 'failed'")
                .param("org", tenant.orgId()).query().singleRow();
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("failure_reason"))
                .isEqualTo("field content.metadata.direction: expected a string, got a number");
    }

    @Test
    void eventWithoutTheFieldTheConnectorMatchesOnFailsNamingThatField() {
        TestTenant tenant = newTenant();
        String nameless = new String(fixture("zoom", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("\"event\": \"phone.callee_ringing\"", "\"event\": null");
        assertThat(nameless).contains("\"event\": null");
        assertThat(sendSigned(tenant, "zoom", nameless).statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        assertThat(failureReasons(tenant)).containsExactly("field event: expected a string, got null (no value)");
    }

    @Test
    void eventWhosePayloadIsNotAnObjectFailsNamingThePayload() {
        TestTenant tenant = newTenant();
        String flat = "{\"event\": \"phone.callee_ringing\", \"event_ts\": 1700000000000, \"payload\": \"oops\"}";
        assertThat(sendSigned(tenant, "zoom", flat).statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        assertThat(failureReasons(tenant)).singleElement().asString()
                .startsWith("field payload: expected an object").endsWith("got a string");
    }

    @Test
    void failureReasonsShownToAdminsNeverQuoteTheConnectorsRawError() {
        TestTenant tenant = newTenant();
        String numeric = new String(fixture("goto", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("\"INBOUND\"", "42");
        post("/webhooks/goto/" + tenant.endpointKey("goto"), numeric.getBytes(StandardCharsets.UTF_8), JSON);
        String nameless = new String(fixture("zoom", "inbound-ringing.json"), StandardCharsets.UTF_8)
                .replace("\"event\": \"phone.callee_ringing\"", "\"event\": null");
        sendSigned(tenant, "zoom", nameless);
        awaitProcessed(tenant);

        var listed = call("GET", "/api/events?status=failed", adminToken(tenant), null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("field ").doesNotContain("is not applicable").doesNotContain("Cannot index")
                .doesNotContain("_match_impl").doesNotContain("cannot be applied");
    }

    private java.net.http.HttpResponse<String> sendSigned(TestTenant tenant, String provider, String body) {
        var signed = com.callintel.hub.sandbox.SampleSender.sign(provider, body.getBytes(StandardCharsets.UTF_8),
                secret(provider), java.time.Instant.now());
        return post("/webhooks/" + provider + "/" + tenant.endpointKey(provider), signed.body(), signed.headers());
    }

    private java.util.List<String> failureReasons(TestTenant tenant) {
        return jdbc.sql("select failure_reason from inbound_event where org_id = :org and status = 'failed'")
                .param("org", tenant.orgId()).query(String.class).list();
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
