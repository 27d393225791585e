package com.callintel.hub.egress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.callintel.hub.ams.AmsConnection;
import com.callintel.hub.ams.AmsOperation;
import com.callintel.hub.ams.AmsRefusedException;
import com.callintel.hub.ams.AmsRequest;
import com.callintel.hub.sandbox.ams.Ams360Simulator;
import com.callintel.hub.sandbox.ams.GenericRestAmsSimulator;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.LoopbackTarget;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, finding 2: ids an AMS answered or a webhook carried must never become part of a Camel endpoint URI,
 * where Camel resolves {{...}} placeholders (an env variable, a vault key) and reads ?options (a proxy). Each
 * connector is fed a placeholder, a query, a fragment, a path escape and a percent escape in every id it puts in a
 * request; the simulators' recorded requests show nothing of it was sent, and a plain id still goes through.
 */
class UriInjectionTest extends HubIntegrationTest {

    /** Where an injected proxy option would send requests; one for the whole class (the attacks name its port). */
    private static final LoopbackTarget PROXY = LoopbackTarget.internal();
    private static final String ENV_PATH = System.getenv("PATH");

    /** The attacks, one per class: placeholder, option injection, fragment, path escape, percent escape. */
    private static List<String> attacks() {
        return List.of(
                "{{env:PATH}}",
                "{{env:CALLINTEL_VAULT_KEYS_K1}}",
                "x?proxyHost=127.0.0.1&proxyPort=" + PROXY.port(),
                "x#fragment",
                "x/../../epic/account/v1/accounts",
                "..",
                "x%2F..%2Fy",
                "%7B%7Benv:PATH%7D%7D");
    }

    @Autowired
    ProducerTemplate producer;
    @Autowired
    GenericRestAmsSimulator ezlynx;
    @Autowired
    Ams360Simulator ams360;
    @Autowired
    ObjectMapper mapper;

    @BeforeEach
    void cleanSimulators() {
        ezlynx.clearRecords();
        ams360.clearRecords();
        gotoApi.clear();
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void epicActivityIdFromTheAmsNeverBecomesPartOfARequest() {
        AmsConnection ams = new AmsConnection(java.util.UUID.randomUUID(), "applied-epic", epic.baseUrl(),
                json("{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"fake-client-secret-0001\","
                        + "\"scope\":\"epic/accounts:search epic/activity:write\"}"), "65536",
                json("{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\",\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\","
                        + "\"noteAccessLevelId\":\"6\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}"), Instant.now());

        for (String attack : attacks()) {
            Exchange followUp = connector(ams, AmsOperation.FOLLOW_UP, Map.of("targetId", "CLIENT-1", "recordId", attack));
            assertThat(followUp.getException()).as("follow-up with activity id " + attack).isNotNull();
            assertThat(rootCause(followUp.getException())).as(attack).isInstanceOf(AmsRefusedException.class);
        }
        assertNothingInjected(epic.received());
        assertThat(epic.received()).as("no activity request at all for a refused id")
                .noneSatisfy(r -> assertThat(r.path()).startsWith("/workflow-management"));

        // a plain id goes through as one path segment (Epic answers 404: no such activity)
        connector(ams, AmsOperation.FOLLOW_UP, Map.of("targetId", "CLIENT-1", "recordId", "3f2a9c1e-0000-4000-8000-00000000abcd"));
        assertThat(epic.received()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo("/workflow-management/v1/activities/3f2a9c1e-0000-4000-8000-00000000abcd/notes"));
        assertThat(PROXY.connections()).as("requests sent through an injected proxy").isZero();
    }

    @Test
    void genericRestClientAndRecordIdsNeverBecomePartOfARequest() {
        AmsConnection ams = new AmsConnection(java.util.UUID.randomUUID(), "generic-rest", ezlynx.baseUrl(),
                json("{\"clientId\":\"sandbox-ezlynx-client\",\"clientSecret\":\"sandbox-ezlynx-secret\"}"), null,
                json("{}"), Instant.now());

        for (String attack : attacks()) {
            Exchange create = connector(ams, AmsOperation.CREATE, Map.of("targetId", attack));
            assertThat(rootCause(create.getException())).as("note on client id " + attack).isInstanceOf(AmsRefusedException.class);
            Exchange followUp = connector(ams, AmsOperation.FOLLOW_UP, Map.of("targetId", attack, "recordId", "N-1"));
            assertThat(rootCause(followUp.getException())).as("follow-up on client id " + attack).isInstanceOf(AmsRefusedException.class);
        }
        assertNothingInjected(ezlynx.received());
        assertThat(ezlynx.received()).as("no note request at all for a refused id")
                .noneSatisfy(r -> assertThat(r.path()).startsWith("/v1/applicants/").endsWith("/notes"));

        connector(ams, AmsOperation.CREATE, Map.of("targetId", "000000000000000042"));
        assertThat(ezlynx.received()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/v1/applicants/000000000000000042/notes"));
        assertThat(PROXY.connections()).as("requests sent through an injected proxy").isZero();
    }

    @Test
    void ams360CustomerIdTravelsOnlyAsEscapedXmlToTheFixedServiceEndpoint() {
        AmsConnection ams = new AmsConnection(newTenant().orgId(), "ams360", ams360.baseUrl(),
                json("{\"agencyNo\":\"9990001-1\",\"loginId\":\"callintel-test\",\"password\":\"Fake-Passw0rd\"}"),
                "Phone Call", json("{}"), Instant.now());

        for (String attack : attacks()) {
            connector(ams, AmsOperation.FOLLOW_UP, Map.of("targetId", attack + "</a:CustomerId><a:NoteText>injected", "recordId", "N-1"));
        }

        assertThat(ams360.received()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v3/WSAPIService.svc");
            assertThat(r.query()).isNull();
            assertThat(r.body()).doesNotContain(ENV_PATH).doesNotContain("</a:CustomerId><a:NoteText>injected");
        });
        assertThat(ams360.received()).anySatisfy(r -> assertThat(r.body())
                .contains("<a:CustomerId>{{env:PATH}}&lt;/a:CustomerId&gt;&lt;a:NoteText&gt;injected</a:CustomerId>"));
        assertThat(PROXY.connections()).as("requests sent through an injected proxy").isZero();
    }

    @Test
    void goToConversationSpaceIdFromAnUnsignedWebhookNeverBecomesPartOfTheReportFetch() throws Exception {
        TestTenant tenant = newTenant();
        String notification = new String(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/fixtures/goto/report-notification.json")));
        for (String attack : attacks()) {
            ObjectNode body = (ObjectNode) mapper.readTree(notification);
            ((ObjectNode) body.path("content")).put("conversationSpaceId", attack);
            assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"), mapper.writeValueAsBytes(body),
                    Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);
        }
        await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                eventsWithStatus(tenant, "failed").size() == attacks().size());

        assertThat(gotoApi.received()).as("report fetches for refused ids").isEmpty();
        assertThat(PROXY.connections()).as("requests sent through an injected proxy").isZero();
        assertThat(eventsWithStatus(tenant, "failed")).allSatisfy(event ->
                assertThat((String) event.get("failure_reason")).contains("not a plain id"));
    }

    private Exchange connector(AmsConnection ams, AmsOperation operation, Map<String, String> ids) {
        AmsRequest request = new AmsRequest(operation, ams, "call", null, "+15555550123", ids.get("targetId"),
                ids.get("recordId"), "Inbound call", "Call note", "injection-" + java.util.UUID.randomUUID(), null, null);
        return producer.send("direct:ams-connector", e -> e.getIn().setBody(request));
    }

    /** No recorded request carries a resolved placeholder, an injected option, or an escape out of its segment. */
    private static void assertNothingInjected(List<ReceivedRequest> received) {
        assertThat(received).allSatisfy(r -> {
            String sent = r.path() + "?" + r.query();
            assertThat(sent).doesNotContain(ENV_PATH).doesNotContain("proxyHost").doesNotContain("fragment")
                    .doesNotContain("..").doesNotContain("env:").doesNotContain("%2F");
        });
    }

    private com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        assertThat(t).isNotNull();
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

}
