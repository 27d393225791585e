package com.callintel.hub.tenancy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API under the Settings page: the setup checklist as an organization sets itself up, the last webhook
 * of each provider account, the connectors' setup steps, "Test connection" with a live lookup, and the provider
 * users seen in recent calls. Agents get 403 everywhere; bad input gets a 400 problem.
 */
class SettingsApiTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";

    @org.springframework.beans.factory.annotation.Autowired
    com.callintel.hub.connectors.AmsConnectorCatalog amsConnectors;

    @Test
    void checklistTurnsGreenItemByItem() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);

        JsonNode items = setup(admin);
        assertThat(ids(items, "id")).containsExactly("provider", "ams", "agents", "alert-mail");
        assertThat(ids(items, "section")).containsExactly("providers", "ams", "team", "organization");
        assertThat(ids(items, "done")).containsOnly("false");
        assertThat(item(items, "provider").path("detail").asText()).contains("No webhook received yet");
        assertThat(item(items, "ams").path("detail").asText()).contains("No AMS connection");

        assertThat(send(tenant, "zoom", "zoom", "inbound-completed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);
        assertThat(item(setup(admin), "provider").path("done").asBoolean()).isTrue();
        assertThat(item(setup(admin), "provider").path("detail").asText()).contains("zoom", "processed");

        connectAppliedEpic(tenant, epic, null);
        assertThat(item(setup(admin), "ams").path("done").asBoolean()).as("saved, not tested").isFalse();
        assertThat(item(setup(admin), "ams").path("detail").asText()).contains("has not been tested");
        HttpResponse<String> test = call("POST", "/api/admin/ams-connection/test", admin, null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
        assertThat(item(setup(admin), "ams").path("done").asBoolean()).isTrue();
        assertThat(call("GET", "/api/admin/ams-connection", admin, null).body()).contains("\"lastTestOk\":true");
        connectAppliedEpic(tenant, epic, null);
        assertThat(item(setup(admin), "ams").path("done").asBoolean()).as("new credentials are untested").isFalse();

        assertThat(call("PUT", "/api/admin/agents", admin,
                "[{\"memberId\":\"user_dana\",\"provider\":\"zoom\",\"providerUserId\":\"zU_dana_whitfield\"}]").statusCode()).isEqualTo(200);
        assertThat(item(setup(admin), "agents").path("done").asBoolean()).isTrue();

        assertThat(call("PUT", "/api/admin/organization", admin, "{\"alertEmail\":\"ops@agency.test\"}").statusCode()).isEqualTo(200);
        JsonNode done = item(setup(admin), "alert-mail");
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("detail").asText()).contains("ops@agency.test");
    }

    @Test
    void failedTestLeavesTheAmsItemOpen() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        connectAppliedEpic(tenant, epic, null);
        epic.faults().failNext(10);

        JsonNode answer = json(call("POST", "/api/admin/ams-connection/test", admin, "{}"));

        assertThat(answer.path("ok").asBoolean(true)).isFalse();
        JsonNode ams = item(setup(admin), "ams");
        assertThat(ams.path("done").asBoolean()).isFalse();
        assertThat(ams.path("detail").asText()).contains("failed");
    }

    @Test
    void providerAccountsShowTheirLastWebhookAndSetup() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        JsonNode before = zoomAccount(admin);
        assertThat(before.path("lastWebhookAt").isNull()).isTrue();
        assertThat(before.path("lastWebhookStatus").isNull()).isTrue();

        send(tenant, "zoom", "zoom", "inbound-completed.json");
        awaitProcessed(tenant);

        JsonNode after = zoomAccount(admin);
        assertThat(java.time.Instant.parse(after.path("lastWebhookAt").asText())).isAfter(java.time.Instant.now().minusSeconds(120));
        assertThat(after.path("lastWebhookStatus").asText()).isEqualTo("processed");
        assertThat(after.path("setup").path("steps").toString()).contains("Secret Token");
        assertThat(after.path("setup").path("events").toString()).contains("phone.callee_ringing");
        JsonNode dialpad = account(admin, "dialpad");
        assertThat(dialpad.path("lastWebhookAt").isNull()).as("another account's webhook is not this one's").isTrue();
        assertThat(dialpad.path("setup").path("steps").toString()).contains("POST /api/v2/webhooks");
    }

    @Test
    void connectorsListEveryInstalledProviderWithItsSteps() {
        TestTenant tenant = newTenant();
        JsonNode all = json(call("GET", "/api/admin/connectors", adminToken(tenant), null));
        JsonNode list = kind(all, "voip");

        assertThat(ids(list, "provider")).containsExactlyInAnyOrderElementsOf(
                connectors.voipConnectors().stream().map(c -> c.provider()).toList());
        for (JsonNode connector : list) {
            assertThat(connector.path("title").asText()).as(connector.toString()).isNotBlank();
            assertThat(connector.path("setup").path("steps").size()).as(connector.toString()).isGreaterThanOrEqualTo(2);
            assertThat(connector.path("setup").path("events").size()).as(connector.toString()).isPositive();
        }
        JsonNode dialpad = find(list, "provider", "dialpad");
        assertThat(dialpad.path("title").asText()).isEqualTo("Dialpad");
        assertThat(ids(dialpad.path("setup").path("events"), null)).contains("hangup", "sms");
    }

    @Test
    void connectorsListEveryInstalledAmsTypeFromItsFile() {
        TestTenant tenant = newTenant();
        JsonNode list = kind(json(call("GET", "/api/admin/connectors", adminToken(tenant), null)), "ams");

        assertThat(ids(list, "type")).containsExactlyInAnyOrderElementsOf(
                amsConnectors.amsConnectors().stream().map(c -> c.type()).toList());
        assertThat(ids(list, "type")).as("a protocol is no AMS type").doesNotHaveDuplicates();
        for (JsonNode ams : list) {
            assertThat(ams.path("title").asText()).as(ams.toString()).isNotBlank();
            assertThat(ams.path("credentials").size()).as(ams.toString()).isPositive();
        }
        JsonNode ams360 = find(list, "type", "ams360");
        assertThat(ams360.path("title").asText()).isEqualTo("Vertafore AMS360");
        assertThat(ids(ams360.path("credentials"), null)).containsExactly("agencyNo", "loginId", "password", "employeeCode");
        assertThat(find(list, "type", "generic-rest").path("declarative").asBoolean()).isTrue();

        var refused = call("PUT", "/api/admin/ams-connection", adminToken(tenant),
                "{\"type\":\"hawksoft\",\"baseUrl\":\"https://ams.example.com\",\"credentials\":{\"a\":\"b\"}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("installed AMS types").contains("generic-rest");
    }

    private static JsonNode kind(JsonNode list, String kind) {
        com.fasterxml.jackson.databind.node.ArrayNode of = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        list.forEach(entry -> {
            if (entry.path("kind").asText().equals(kind)) {
                of.add(entry);
            }
        });
        return of;
    }

    @Test
    void testConnectionLooksUpATypedNumberLive() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        connectAppliedEpic(tenant, epic, null);
        long syncsBefore = jdbc.sql("select count(*) from ams_sync where org_id = :org").param("org", tenant.orgId()).query(Long.class).single();

        HttpResponse<String> response = call("POST", "/api/admin/ams-connection/test", admin, "{\"number\":\"(555) 555-0123\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.path("ok").asBoolean()).isTrue();
        JsonNode lookup = answer.path("lookup");
        assertThat(lookup.path("number").asText()).isEqualTo("+15555550123");
        assertThat(ids(lookup.path("candidates"), "id")).containsExactly(MARCUS_BELL);
        assertThat(lookup.path("candidates").get(0).path("name").asText()).contains("Bell");
        assertThat(lookup.path("candidates").get(0).size()).as("names and ids only").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from ams_sync where org_id = :org").param("org", tenant.orgId()).query(Long.class).single())
                .as("nothing of the answer is kept").isEqualTo(syncsBefore);

        JsonNode nobody = json(call("POST", "/api/admin/ams-connection/test", admin, "{\"number\":\"+1 555 555 0999\"}"));
        assertThat(nobody.path("lookup").path("candidates").size()).isZero();
    }

    @Test
    void testConnectionRefusesWhatIsNoPhoneNumber() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        connectAppliedEpic(tenant, epic, null);

        for (String body : List.of("{\"number\":\"call me maybe\"}", "{\"number\":12}", "{\"number\":\"12\"}",
                "{\"number\":\"" + "5".repeat(40) + "\"}", "not json")) {
            HttpResponse<String> response = call("POST", "/api/admin/ams-connection/test", admin, body);
            assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(item(setup(admin), "ams").path("done").asBoolean()).as("a refused request tests nothing").isFalse();
    }

    @Test
    void agentsSeenInRecentCallsAreOfferedForMapping() {
        TestTenant tenant = newTenant();
        String admin = adminToken(tenant);
        assertThat(json(call("GET", "/api/admin/agents/seen", admin, null)).size()).isZero();

        sendZoomCallFrom(tenant, "+15555550123", "7412000000000000901");

        JsonNode seen = json(call("GET", "/api/admin/agents/seen", admin, null));
        JsonNode dana = find(seen, "userId", "zU_dana_whitfield");
        assertThat(dana.path("provider").asText()).isEqualTo("zoom");
        assertThat(dana.path("name").asText()).isEqualTo("Dana Whitfield");
        assertThat(dana.path("lastSeenAt").asText()).isNotBlank();
        assertThat(dana.path("mapped").asBoolean()).isFalse();

        call("PUT", "/api/admin/agents", admin,
                "[{\"memberId\":\"user_dana\",\"provider\":\"zoom\",\"providerUserId\":\"zU_dana_whitfield\"}]");
        assertThat(find(json(call("GET", "/api/admin/agents/seen", admin, null)), "userId", "zU_dana_whitfield")
                .path("mapped").asBoolean()).isTrue();

        jdbc.sql("update call set updated_at = updated_at - interval '31 days' where org_id = :org")
                .param("org", tenant.orgId()).update();
        assertThat(json(call("GET", "/api/admin/agents/seen", admin, null)).size())
                .as("not seen in the last 30 days").isZero();
    }

    @Test
    void agentsGetNoneOfIt() {
        TestTenant tenant = newTenant();
        String agent = agentToken(tenant);
        for (String[] endpoint : new String[][]{{"GET", "/api/admin/setup"}, {"GET", "/api/admin/connectors"},
                {"GET", "/api/admin/agents/seen"}, {"POST", "/api/admin/ams-connection/test"}}) {
            HttpResponse<String> response = call(endpoint[0], endpoint[1], agent, null);
            assertThat(response.statusCode()).as(String.join(" ", endpoint)).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private JsonNode setup(String admin) {
        HttpResponse<String> response = call("GET", "/api/admin/setup", admin, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("items");
    }

    private JsonNode zoomAccount(String admin) {
        return account(admin, "zoom");
    }

    private JsonNode account(String admin, String provider) {
        return find(json(call("GET", "/api/admin/provider-accounts", admin, null)), "provider", provider);
    }

    private static JsonNode item(JsonNode items, String id) {
        return find(items, "id", id);
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode node : list) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + list);
    }

    private static List<String> ids(JsonNode list, String field) {
        List<String> values = new ArrayList<>();
        list.forEach(node -> values.add(field == null ? node.asText() : node.path(field).asText()));
        return values;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
