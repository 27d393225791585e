package com.callintel.hub.access;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.OidcBrowserFlow;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The isolation matrix: for every /api endpoint the hub serves, an admin of organization A aiming at
 * organization B's records gets 404/403 and none of B's data, and B's records stay as they were. The endpoint
 * list is read from the running Camel REST model, so a new endpoint without a case here fails the build.
 */
class TenantIsolationTest extends HubIntegrationTest {

    /** Endpoints that serve no organization data at all (the sandbox AMS holds fake data of no organization). */
    private static final Set<String> PUBLIC = Set.of("GET /api/admin/sandbox/ams-records");

    private static final String B_TICKET_SUBJECT = "B-only ticket subject";
    private static final String B_TICKET_TEXT = "B-only ticket text";

    @Autowired
    CamelContext camel;

    private TestTenant a;
    private TestTenant b;
    private String tokenA;
    private BRecords bRecords;

    /** Ids and markers of organization B's records that A must never see or change. */
    record BRecords(long callId, String callMarker, long failedEventId, String accountId, String accountKey,
                    long syncId, String syncStatus, long popId, long ticketId) {
    }

    @BeforeEach
    void twoOrganizations() {
        a = newTenant();
        b = newTenant();
        tokenA = adminToken(a);
        String bAdmin = adminToken(b);
        send(b, "zoom", "zoom", "inbound-completed.json");
        send(b, "zoom", "zoom", "sms-inbound.json");
        post("/webhooks/goto/" + b.endpointKey("goto"), "{\"source\":\"call-events\",\"content\":{\"metadata\":{\"direction\":7},\"state\":{\"id\":\"x\"}}}".getBytes(),
                Map.of("Content-Type", "application/json"));
        awaitProcessed(b);
        assertThat(call("PUT", "/api/admin/ams-connection", bAdmin,
                "{\"type\":\"ams360\",\"baseUrl\":\"https://wsapi.ams360.com/v3\",\"credentials\":{\"password\":\"b-secret\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/admin/agents", bAdmin,
                "[{\"memberId\":\"user_b_agent\",\"provider\":\"zoom\",\"providerUserId\":\"zU_b_only\"}]").statusCode()).isEqualTo(200);
        long callId = jdbc.sql("select id from call where org_id = :org").param("org", b.orgId()).query(Long.class).single();
        long failed = jdbc.sql("select id from inbound_event where org_id = :org and status = 'failed'")
                .param("org", b.orgId()).query(Long.class).single();
        String account = jdbc.sql("select id::text from provider_account where org_id = :org and provider = 'zoom'")
                .param("org", b.orgId()).query(String.class).single();
        // B's AMS points nowhere reachable, so its sync stays in a state A could try to change
        jdbc.sql("insert into ams_sync (org_id, source_kind, source_id, status) values (:org, 'call', :call, 'unmatched')")
                .param("org", b.orgId()).param("call", callId).update();
        long syncId = jdbc.sql("select id from ams_sync where org_id = :org").param("org", b.orgId()).query(Long.class).single();
        // a pop of B's call, as the screen pop makes it
        long popId = jdbc.sql("""
                insert into screen_pop (org_id, call_id, payload, received_at, created_at)
                values (:org, :call, cast('{"candidates":[{"id":"x","name":"B client"}]}' as jsonb), now(), :now) returning id
                """).param("org", b.orgId()).param("call", callId).param("now", java.sql.Timestamp.from(clock.instant()))
                .query(Long.class).single();
        // a support ticket of B's admin
        HttpResponse<String> ticket = call("POST", "/api/support/tickets", bAdmin,
                "{\"category\":\"problem\",\"subject\":\"" + B_TICKET_SUBJECT + "\",\"text\":\"" + B_TICKET_TEXT + "\"}");
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
        long ticketId = jdbc.sql("select id from support_ticket where org_id = :org").param("org", b.orgId())
                .query(Long.class).single();
        bRecords = new BRecords(callId, "7412000000000000001", failed, account, b.endpointKey("zoom"), syncId,
                syncStatus(syncId), popId, ticketId);
    }

    /** One case per endpoint: how A aims at B's data, and what must hold afterwards. */
    private Map<String, BiConsumer<String, String>> cases() {
        return Map.ofEntries(
                Map.entry("GET /api/calls", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("GET /api/calls/{id}", (m, p) -> assertNotFound(call(m, p.replace("{id}", "" + bRecords.callId()), tokenA, null))),
                Map.entry("GET /api/messages", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("GET /api/events", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("GET /api/admin/organization", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("PUT /api/admin/organization", (m, p) -> {
                    assertNoBData(call(m, p, tokenA, "{\"name\":\"A renamed\"}"));
                    assertThat(tenants.findOrganization(b.orgId()).orElseThrow().name()).doesNotContain("A renamed");
                }),
                Map.entry("GET /api/admin/provider-accounts", (m, p) -> {
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertNoBData(response);
                    assertThat(response.body()).as("B's webhooks are not A's").doesNotContain("\"lastWebhookAt\":\"");
                }),
                // the checklist counts A's own webhooks and mappings only, though B has both
                Map.entry("GET /api/admin/setup", (m, p) -> {
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertNoBData(response);
                    assertThat(response.body()).doesNotContain("\"done\":true");
                }),
                Map.entry("GET /api/admin/connectors", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("GET /api/admin/agents/seen", (m, p) -> {
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertNoBData(response);
                    assertThat(response.body()).as("B's agents are not offered to A").isEqualTo("[]");
                }),
                Map.entry("POST /api/admin/provider-accounts", (m, p) -> {
                    assertNoBData(call(m, p, tokenA, "{\"provider\":\"goto\"}"));
                    assertThat(tenants.listProviderAccounts(b.orgId())).hasSize(connectors.voipConnectors().size());
                }),
                Map.entry("POST /api/admin/provider-accounts/{id}/secret", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", bRecords.accountId()), tokenA, "{\"secret\":\"hijacked\"}"));
                    assertThat(send(b, "zoom", "zoom", "missed.json").statusCode()).as("B's secret still works").isEqualTo(200);
                }),
                Map.entry("POST /api/admin/provider-accounts/{id}/endpoint-key", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", bRecords.accountId()), tokenA, null));
                    assertThat(tenants.findByEndpointKey(bRecords.accountKey())).as("B's webhook URL still works").isPresent();
                }),
                Map.entry("PUT /api/admin/provider-accounts/{id}/oauth-app", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", bRecords.accountId()), tokenA,
                            "{\"accountId\":\"acct-a\",\"clientId\":\"client-a\",\"clientSecret\":\"hijacked\"}"));
                    assertThat(tenants.findOAuthApp(b.orgId(), "zoom")).as("B's Zoom account got no app").isEmpty();
                }),
                Map.entry("DELETE /api/admin/provider-accounts/{id}/oauth-app", (m, p) -> {
                    tenants.saveOAuthApp(b.orgId(), java.util.UUID.fromString(bRecords.accountId()), "acct-b", "client-b", "secret-b");
                    assertNotFound(call(m, p.replace("{id}", bRecords.accountId()), tokenA, null));
                    assertThat(tenants.findOAuthApp(b.orgId(), "zoom")).as("B's app is kept").isPresent();
                    tenants.removeOAuthApp(b.orgId(), java.util.UUID.fromString(bRecords.accountId()));
                }),
                Map.entry("DELETE /api/admin/provider-accounts/{id}", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", bRecords.accountId()), tokenA, null));
                    assertThat(tenants.findByEndpointKey(bRecords.accountKey())).isPresent();
                }),
                Map.entry("GET /api/admin/ams-connection", (m, p) -> assertNotFound(call(m, p, tokenA, null))),
                Map.entry("POST /api/admin/ams-connection/test", (m, p) -> assertNotFound(call(m, p, tokenA, "{}"))),
                Map.entry("PUT /api/admin/ams-connection", (m, p) -> {
                    assertNoBData(call(m, p, tokenA, "{\"type\":\"applied-epic\",\"baseUrl\":\"https://a.example.test\",\"credentials\":{\"clientId\":\"a\"}}"));
                    assertThat(call("GET", p, adminToken(b), null).body()).contains("ams360");
                }),
                Map.entry("DELETE /api/admin/ams-connection", (m, p) -> {
                    call(m, p, tokenA, null);
                    assertThat(call("GET", p, adminToken(b), null).statusCode()).isEqualTo(200);
                }),
                Map.entry("GET /api/admin/agents", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("PUT /api/admin/agents", (m, p) -> {
                    assertNoBData(call(m, p, tokenA, "[]"));
                    assertThat(call("GET", p, adminToken(b), null).body()).contains("zU_b_only");
                }),
                Map.entry("GET /api/ams-syncs", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                // A's audit log lists the ids A itself typed while aiming at B; nothing else of B may appear
                // the export holds A's audit log, so it may show ids A itself typed while aiming at B
                Map.entry("GET /api/privacy/status", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("GET /api/admin/export", (m, p) -> assertThat(call(m, p, tokenA, null).body())
                        .doesNotContain(b.orgId().toString()).doesNotContain(bRecords.accountKey())
                        .doesNotContain("zU_b_only").doesNotContain(bRecords.callMarker()).doesNotContain("msg_0001")
                        .doesNotContain(B_TICKET_TEXT)),
                // the endpoint has no id: it can only ever delete the caller's own organization (unconfirmed here)
                Map.entry("DELETE /api/admin/organization", (m, p) -> {
                    assertThat(call(m, p, tokenA, null).statusCode()).isEqualTo(400);
                    assertThat(tenants.findOrganization(b.orgId())).isPresent();
                }),
                Map.entry("GET /api/admin/audit", (m, p) -> assertThat(call(m, p, tokenA, null).body())
                        .doesNotContain(b.orgId().toString()).doesNotContain(bRecords.accountKey())
                        .doesNotContain("zU_b_only").doesNotContain(bRecords.callMarker())),
                Map.entry("POST /api/ams-syncs/{id}/target", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", "" + bRecords.syncId()), tokenA, "{\"targetId\":\"x\"}"));
                    assertThat(syncStatus(bRecords.syncId())).isEqualTo(bRecords.syncStatus());
                }),
                Map.entry("POST /api/admin/ams-syncs/{id}/retry", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", "" + bRecords.syncId()), tokenA, null));
                    assertThat(syncStatus(bRecords.syncId())).isEqualTo(bRecords.syncStatus());
                }),
                // a ticket only ever opens the caller's own stream (ScreenPopTest.agentOfOtherOrgNeverSeesPop)
                Map.entry("POST /api/screen-pops/stream-ticket", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("POST /api/screen-pops/{id}/choice", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", "" + bRecords.popId()), tokenA, "{\"targetId\":\"x\"}"));
                    assertThat(jdbc.sql("select coalesce(payload->>'chosen', '') from screen_pop where id = :id")
                            .param("id", bRecords.popId()).query(String.class).single()).isEmpty();
                }),
                Map.entry("GET /api/screen-pops/my-calls", (m, p) -> assertNoBData(call(m, p, tokenA, null))),
                Map.entry("GET /api/analytics/totals", (m, p) -> assertNoAnalyticsOfB(m, p)),
                Map.entry("GET /api/analytics/leaderboard", (m, p) -> assertNoAnalyticsOfB(m, p)),
                Map.entry("GET /api/analytics/heatmap", (m, p) -> assertNoAnalyticsOfB(m, p)),
                Map.entry("GET /api/analytics/trend", (m, p) -> assertNoAnalyticsOfB(m, p)),
                Map.entry("GET /api/analytics/intelligence", (m, p) -> assertNoAnalyticsOfB(m, p)),
                // each organization's billing is its own: B has an account, A (never billed) sees none
                Map.entry("GET /api/admin/billing", (m, p) -> {
                    jdbc.sql("insert into billing_account (org_id, customer_id, state, state_at) values (:org, :customer, 'active', now())"
                            + " on conflict (org_id) do nothing").param("org", b.orgId()).param("customer", "cus_" + b.orgId()).update();
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertNoBData(response);
                    assertThat(response.body()).contains("\"state\":\"none\"").doesNotContain("cus_");
                }),
                // who receives notices is each organization's own: B's admin and alert address (both naming B's id)
                // never show for A, whose own admin does (A keeps no alert address: its setup checklist stays open)
                Map.entry("GET /api/admin/notice-recipients", (m, p) -> {
                    signInAdmin(b, "bea");
                    tenants.setAlertEmail(b.orgId(), "alerts@" + b.orgId() + ".test");
                    String ann = signInAdmin(a, "ann");
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertNoBData(response);
                    assertThat(response.body()).contains(ann);
                }),
                // A's admin cannot take B's admin off B's notice list (the same id in A names A's own line: AdminAddressesTest)
                Map.entry("DELETE /api/admin/notice-recipients/{id}", (m, p) -> {
                    // an id naming nothing of B: A's audit log keeps what A typed, and A's export must not show B's id
                    OidcBrowserFlow.signInToTheHub(port, identityProvider.sign(Map.of("sub", "user_b_admin_bea",
                            "org_id", b.orgId().toString(), "org_role", "org:admin", "email", "bea@b-agency.test"), Duration.ofMinutes(5)));
                    HttpResponse<String> response = call(m, p.replace("{id}", "user_b_admin_bea"), tokenA, null);
                    assertNotFound(response);
                    assertThat(response.statusCode()).isEqualTo(404);
                    assertThat(call("GET", "/api/admin/notice-recipients", adminToken(b), null).body()).contains("bea@b-agency.test");
                }),
                // each organization's AI switch and key are its own: A sees and changes only its own
                Map.entry("GET /api/admin/ai", (m, p) -> {
                    assertThat(call("PUT", p, adminToken(b), "{\"enabled\":true,\"apiKey\":\"sk-ant-b-only\"}").statusCode())
                            .isEqualTo(200);
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertNoBData(response);
                    assertThat(response.body()).contains("\"enabled\":false").contains("\"keySet\":false");
                }),
                Map.entry("PUT /api/admin/ai", (m, p) -> {
                    assertThat(call("PUT", p, adminToken(b), "{\"enabled\":true,\"apiKey\":\"sk-ant-b-only\"}").statusCode())
                            .isEqualTo(200);
                    assertNoBData(call(m, p, tokenA, "{\"enabled\":false}"));
                    assertThat(call("GET", p, adminToken(b), null).body()).contains("\"enabled\":true");
                }),
                // demo traffic only ever goes to the sandbox's demo organization, and only its admins may send it
                Map.entry("POST /api/admin/sandbox/demo-traffic", (m, p) -> assertThat(call(m, p, tokenA, null).statusCode())
                        .isEqualTo(403)),
                Map.entry("POST /api/support/tickets", (m, p) -> {
                    assertNoTicketOfB(call(m, p, tokenA, "{\"category\":\"question\",\"subject\":\"A asks\",\"text\":\"A's\"}"));
                    assertThat(ticketOfB()).as("B's ticket untouched").isEqualTo("open " + B_TICKET_SUBJECT);
                }),
                Map.entry("GET /api/support/tickets", (m, p) -> assertNoTicketOfB(call(m, p, tokenA, null))),
                Map.entry("GET /api/support/tickets/{id}", (m, p) ->
                        assertNotFound(call(m, p.replace("{id}", "" + bRecords.ticketId()), tokenA, null))),
                // the operator API belongs to the platform's operators: an organization's admin gets 403, whatever the ticket
                Map.entry("GET /api/operator/tickets", (m, p) -> {
                    HttpResponse<String> response = call(m, p, tokenA, null);
                    assertThat(response.statusCode()).isEqualTo(403);
                    assertNoTicketOfB(response);
                }),
                Map.entry("GET /api/operator/tickets/{id}", (m, p) -> {
                    HttpResponse<String> response = call(m, p.replace("{id}", "" + bRecords.ticketId()), tokenA, null);
                    assertNotFound(response);
                    assertNoTicketOfB(response);
                }),
                Map.entry("PATCH /api/operator/tickets/{id}", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", "" + bRecords.ticketId()), tokenA, "{\"status\":\"closed\"}"));
                    assertThat(ticketOfB()).isEqualTo("open " + B_TICKET_SUBJECT);
                }),
                // breach and policy notices are the platform's operators' (notices/): an organization's admin gets 403
                Map.entry("POST /api/operator/incidents", (m, p) -> assertOperatorsOnly(m, p, "{}")),
                Map.entry("GET /api/operator/incidents", (m, p) -> assertOperatorsOnly(m, p, null)),
                Map.entry("GET /api/operator/incidents/{id}", (m, p) -> assertOperatorsOnly(m, p.replace("{id}", "1"), null)),
                Map.entry("POST /api/operator/policies", (m, p) -> assertOperatorsOnly(m, p, "{}")),
                Map.entry("GET /api/operator/policies", (m, p) -> assertOperatorsOnly(m, p, null)),
                Map.entry("GET /api/operator/policies/{id}", (m, p) -> assertOperatorsOnly(m, p.replace("{id}", "1"), null)),
                Map.entry("POST /api/admin/events/{id}/retry", (m, p) -> {
                    assertNotFound(call(m, p.replace("{id}", "" + bRecords.failedEventId()), tokenA, null));
                    assertThat(eventsWithStatus(b, "failed")).hasSize(1);
                }));
    }

    private void assertOperatorsOnly(String method, String path, String body) {
        HttpResponse<String> response = call(method, path, tokenA, body);
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(403);
        assertThat(response.body()).contains("not-an-operator");
    }

    @Test
    void everyApiEndpointHasAnIsolationCase() {
        Set<String> served = servedEndpoints();
        assertThat(served).as("endpoints read from the REST model").isNotEmpty();
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(cases().keySet());
        missing.removeAll(PUBLIC);
        assertThat(missing).as("API endpoints without a case in TenantIsolationTest").isEmpty();
    }

    @TestFactory
    List<DynamicTest> adminOfAnotherOrganizationNeverReachesTheseRecords() {
        return servedEndpoints().stream().filter(cases()::containsKey)
                .map(endpoint -> DynamicTest.dynamicTest(endpoint, () -> {
                    String[] parts = endpoint.split(" ", 2);
                    cases().get(endpoint).accept(parts[0], parts[1]);
                }))
                .toList();
    }

    private Set<String> servedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = (rest.getPath() + (verb.getPath() == null ? "" : verb.getPath())).replace("//", "/");
                if (path.startsWith("/api")) {
                    endpoints.add(verb.asVerb().toUpperCase() + " " + path);
                }
            }
        }
        return endpoints;
    }

    private String syncStatus(long id) {
        return jdbc.sql("select status from ams_sync where id = :id").param("id", id).query(String.class).single();
    }

    private void assertNoBData(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        assertThat(response.body())
                .doesNotContain(b.orgId().toString())
                .doesNotContain(bRecords.callMarker())
                .doesNotContain(bRecords.accountId())
                .doesNotContain(bRecords.accountKey())
                .doesNotContain("zU_b_only")
                .doesNotContain("msg_0001")
                .doesNotContain("\"id\":" + bRecords.callId() + ",");
    }

    /** A's analytics of the month of B's calls count none of B's calls or SMS and name none of B's agents. */
    private void assertNoAnalyticsOfB(String method, String path) {
        String month = path + "?from=2026-03-01&to=2026-03-31";
        String nonZero = "(?s).*(\":|[\\[,])[1-9].*";
        String bAdmin = adminToken(b);
        org.awaitility.Awaitility.await("B's own view counts B's call").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> call(method, month, bAdmin, null).body().matches(nonZero));
        HttpResponse<String> response = call(method, month, tokenA, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertNoBData(response);
        assertThat(response.body()).doesNotContain("zU_dana_whitfield").doesNotMatch(nonZero);
    }

    /** No ticket of B in the answer (ticket ids are not compared with B's call id, as assertNoBData does). */
    private void assertNoTicketOfB(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        assertThat(response.body()).doesNotContain(b.orgId().toString()).doesNotContain(B_TICKET_SUBJECT)
                .doesNotContain(B_TICKET_TEXT);
    }

    private String ticketOfB() {
        return jdbc.sql("select status || ' ' || subject from support_ticket where org_id = :org").param("org", b.orgId())
                .query(String.class).single();
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
