package com.callintel.hub.screenpop;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.callintel.hub.ams.TenantBreakers;
import com.callintel.hub.sandbox.ams.AmsSandboxData;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Screen pops: a ringing call pops on the mapped agent's stream with the AMS client, never on another
 * organization's; the agent's pick decides the note's client; reconnects replay; pops are gone after 5 minutes.
 */
class ScreenPopTest extends ScreenPopTestSupport {

    @Autowired
    ScreenPopPurge purge;
    @Autowired
    TenantBreakers breakers;

    @Test
    void ringingCallPopsForTheMappedAgentWithTheAmsClient() throws Exception {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, "\"clientUrl\":\"https://epic.example.test/clients/{id}\"");
        mapAgent(tenant, agentUser(tenant), "zU_dana_whitfield");
        try (SseClient stream = stream(tenant, agentToken(tenant), null)) {
            ring(tenant, "+15555550123", "7412000000000000101");

            SseClient.Event pop = stream.next(WAIT);
            assertThat(pop).as("a pop within " + WAIT).isNotNull();
            assertThat(pop.data().path("number").asText()).isEqualTo("+15555550123");
            assertThat(pop.data().path("lookup").asText()).isEqualTo("matched");
            JsonNode client = pop.data().path("candidates").get(0);
            assertThat(client.path("name").asText()).isEqualTo("Marcus Bell");
            assertThat(client.path("id").asText()).isEqualTo(MARCUS_BELL);
            assertThat(client.path("link").asText()).isEqualTo("https://epic.example.test/clients/" + MARCUS_BELL);
        }
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from audit_log where org_id = :org and action = 'screen-pop-delivered'")
                .param("org", tenant.orgId()).query(Long.class).single() == 1);
    }

    @Test
    void myCallsListsTheDaysCallsOfTheSignedInAgentOnly() throws Exception {
        TestTenant tenant = newTenant();
        mapAgent(tenant, agentUser(tenant), "zU_dana_whitfield");
        ring(tenant, "+15555550123", "7412000000000000111");
        awaitProcessed(tenant);

        JsonNode mine = JSON.readTree(call("GET", "/api/screen-pops/my-calls", agentToken(tenant), null).body());
        assertThat(mine).singleElement().satisfies(c -> {
            assertThat(c.path("externalNumber").asText()).isEqualTo("+15555550123");
            assertThat(c.path("direction").asText()).isEqualTo("inbound");
        });
        assertThat(JSON.readTree(call("GET", "/api/screen-pops/my-calls", adminToken(tenant), null).body()))
                .as("the admin is not the call's agent").isEmpty();
    }

    @Test
    void agentOfOtherOrgNeverSeesPop() throws Exception {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        try (SseClient streamA = stream(a, agentToken(a), null); SseClient streamB = stream(b, agentToken(b), null)) {
            ring(a, "+15555550142", "7412000000000000201");   // no mapping: every connected agent of A
            SseClient.Event popA = streamA.next(WAIT);
            assertThat(popA).isNotNull();
            assertThat(popA.data().path("lookup").asText()).as("A has no AMS").isEqualTo("no-ams");

            ring(b, "+15555550149", "7412000000000000202");
            SseClient.Event first = streamB.next(WAIT);
            assertThat(first).as("B's own pop arrives").isNotNull();
            assertThat(first.data().path("number").asText()).as("B's first pop is B's, never A's").isEqualTo("+15555550149");
            assertThat(streamB.next(Duration.ofMillis(500))).isNull();
            assertThat(streamA.next(Duration.ofMillis(500))).as("A never gets B's pop").isNull();
        }
        // nor can A's agent pick on B's pop
        long popB = jdbc.sql("select id from screen_pop where org_id = :org").param("org", b.orgId()).query(Long.class).single();
        HttpResponse<String> choice = call("POST", "/api/screen-pops/" + popB + "/choice", agentToken(a), "{\"targetId\":\"x\"}");
        assertThat(choice.statusCode()).isEqualTo(404);
    }

    @Test
    void popAddressedToOneAgentSkipsTheOtherAgentsOfTheOrganization() throws Exception {
        TestTenant tenant = newTenant();
        mapAgent(tenant, "user_someone_else", "zU_dana_whitfield");
        try (SseClient stream = stream(tenant, agentToken(tenant), null)) {
            ring(tenant, "+15555550123", "7412000000000000301");
            await().atMost(WAIT).until(() -> pops(tenant) == 1);
            assertThat(stream.next(Duration.ofSeconds(1))).as("the pop is for user_someone_else").isNull();
        }
    }

    @Test
    void reconnectWithLastEventIdReplaysTheFreshPopsAfterIt() throws Exception {
        TestTenant tenant = newTenant();
        ring(tenant, "+15555550123", "7412000000000000401");
        ring(tenant, "+15555550142", "7412000000000000402");
        await().atMost(WAIT).until(() -> pops(tenant) == 2);
        long firstId;
        String secondNumber;
        try (SseClient all = stream(tenant, agentToken(tenant), null)) {
            SseClient.Event first = all.next(WAIT);
            SseClient.Event second = all.next(WAIT);
            assertThat(second).isNotNull();
            firstId = first.id();
            secondNumber = second.data().path("number").asText();
        }
        // the two lookups run side by side, so either pop may come first: the replay is the one after the first
        try (SseClient resumed = stream(tenant, agentToken(tenant), Long.toString(firstId))) {
            SseClient.Event replayed = resumed.next(WAIT);
            assertThat(replayed.id()).isGreaterThan(firstId);
            assertThat(replayed.data().path("number").asText()).isEqualTo(secondNumber);
            assertThat(resumed.next(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void streamTicketWorksOnceAndTheStreamRefusesAnyOtherWay() throws Exception {
        TestTenant tenant = newTenant();
        String ticket = ticket(agentToken(tenant));
        try (SseClient first = SseClient.open(base(), ticket, null)) {
            assertThat(first.status()).isEqualTo(200);
        }
        HttpResponse<String> again = get("/api/screen-pops/stream?ticket=" + ticket);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(call("GET", "/api/screen-pops/stream", agentToken(tenant), null).statusCode())
                .as("a bearer token is no ticket").isEqualTo(401);
        assertThat(call("POST", "/api/screen-pops/stream-ticket", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void popIsGoneFromTheDatabaseFiveMinutesAfterCreation() {
        TestTenant tenant = newTenant();
        ring(tenant, "+15555550123", "7412000000000000501");
        await().atMost(WAIT).until(() -> pops(tenant) == 1);

        clock.advance(Duration.ofMinutes(4).plusSeconds(50));
        purge.purge();
        assertThat(pops(tenant)).as("still fresh at 4m50s").isEqualTo(1);

        clock.advance(Duration.ofSeconds(11));
        purge.purge();
        assertThat(pops(tenant)).as("gone 5 minutes after creation").isZero();
    }

    @Test
    void pickWhileRingingDecidesTheClientOfTheNote() throws Exception {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        String callId = "7412000000000000601";
        long popId;
        try (SseClient stream = stream(tenant, agentToken(tenant), null)) {
            ring(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, callId);
            SseClient.Event pop = stream.next(WAIT);
            assertThat(pop.data().path("lookup").asText()).isEqualTo("several");
            assertThat(pop.data().path("candidates")).hasSize(2);
            popId = pop.id();
        }
        assertThat(call("POST", "/api/screen-pops/" + popId + "/choice", agentToken(tenant), "{\"targetId\":\"not-a-candidate\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> pick = call("POST", "/api/screen-pops/" + popId + "/choice", agentToken(tenant),
                "{\"targetId\":\"" + GRACE_OKAFOR + "\"}");
        assertThat(pick.statusCode()).as(pick.body()).isEqualTo(202);
        assertThat(JSON.readTree(pick.body()).path("sync").asText()).isEqualTo("waiting-for-call-end");

        sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, callId);
        awaitSyncsSettled(tenant, Duration.ofSeconds(30));
        assertThat(syncs(tenant)).singleElement().satisfies(sync -> {
            assertThat(sync.get("status")).isEqualTo("synced");
            assertThat(sync.get("target_id")).isEqualTo(GRACE_OKAFOR);
        });
        assertThat(epic.created()).filteredOn(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)
                .singleElement().satisfies(a -> assertThat(a.clientId()).isEqualTo(GRACE_OKAFOR));
    }

    @Test
    void amsDownStillPopsWithTheNumberAndLookupUnavailable() throws Exception {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        epic.faults().failNext(5, 503);
        try (SseClient stream = stream(tenant, agentToken(tenant), null)) {
            ring(tenant, "+15555550123", "7412000000000000701");
            SseClient.Event pop = stream.next(WAIT);
            assertThat(pop).isNotNull();
            assertThat(pop.data().path("lookup").asText()).isEqualTo("unavailable");
            assertThat(pop.data().path("number").asText()).isEqualTo("+15555550123");
            assertThat(pop.data().path("candidates")).isEmpty();
        }
    }

    @Test
    void whileTheAgencysAmsBreakerIsOpenThePopComesAtOnceWithoutAskingTheAms() throws Exception {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        for (int i = 0; i < 20 && !"OPEN".equals(breakers.state(tenant.orgId(), "applied-epic").name()); i++) {
            // the agency's AMS has just failed call after call
            breakers.failed(breakers.acquire(tenant.orgId(), "applied-epic"), Duration.ofMillis(5),
                    new IllegalStateException("AMS unreachable"));
        }
        assertThat(breakers.state(tenant.orgId(), "applied-epic").name()).isEqualTo("OPEN");

        try (SseClient stream = stream(tenant, agentToken(tenant), null)) {
            ring(tenant, "+15555550123", "7412000000000000801");
            SseClient.Event pop = stream.next(WAIT);
            assertThat(pop).isNotNull();
            assertThat(pop.data().path("lookup").asText()).isEqualTo("unavailable");
            assertThat(pop.data().path("number").asText()).isEqualTo("+15555550123");
        }
        assertThat(epic.received()).as("requests the pop's lookup sent to the failing AMS")
                .noneMatch(r -> r.path().endsWith("/accounts/search"));
    }
}
