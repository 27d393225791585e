package com.callintel.hub.connectors;

import java.time.Instant;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GoTo Connect: call states, call-events reports and messages, behind the unguessable endpoint key. */
class GoToConnectorTest extends HubIntegrationTest {

    private static final String P = "goto";

    @Test
    void callStatesAndReportBecomeOneSummarizedCall() {
        TestTenant tenant = newTenant();
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-ending.json",
                "inbound-completed-report.json"}) {
            assertThat(send(tenant, P, P, f).statusCode()).as(f).isEqualTo(200);
        }
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "3c68f7cf-39ac-3aee-b529-fe3133950001");
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550123");
        assertThat(call.toNumber()).isEqualTo("+15555550100");
        assertThat(call.externalName()).isEqualTo("Marcus Bell");
        assertThat(call.agentId()).isEqualTo("line-dana-101");
        assertThat(call.agentName()).isEqualTo("Dana Whitfield");
        assertThat(call.agentExtension()).isEqualTo("101");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T15:04:12Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
        assertThat(call.durationSeconds()).as("derived from answer and end").isEqualTo(330);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.state()).isEqualTo("summarized");
        assertThat(call.summary()).startsWith("Caller asked to add his son");
    }

    @Test
    void missedReportIsAMissedCall() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "missed-report.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "3c68f7cf-39ac-3aee-b529-fe3133950002");
        assertThat(call.fromNumber()).isEqualTo("+15555550188");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:00Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:25Z"));
        assertThat(call.outcome()).isEqualTo("missed");
        assertThat(call.durationSeconds()).isZero();
    }

    @Test
    void outboundReportHasTheAgentAsCaller() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "outbound-completed-report.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "af72d877-3841-3a81-be72-73e7de900003");
        assertThat(call.direction()).isEqualTo("outbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550100");
        assertThat(call.toNumber()).isEqualTo("+15555550142");
        assertThat(call.externalName()).isEqualTo("Helen Ortiz");
        assertThat(call.agentId()).isEqualTo("line-dana-101");
        assertThat(call.durationSeconds()).isEqualTo(180);
        assertThat(call.outcome()).isEqualTo("answered");
    }

    @Test
    void inboundMessageBecomesAnSms() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "sms-inbound.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        SmsRow sms = sms(tenant, P, "msg-0001");
        assertThat(sms.direction()).isEqualTo("inbound");
        assertThat(sms.fromNumber()).isEqualTo("+15555550123");
        assertThat(sms.toNumber()).isEqualTo("+15555550100");
        assertThat(sms.body()).isEqualTo("Hi, can you send my auto ID card?");
        assertThat(sms.sentAt()).isEqualTo(Instant.parse("2026-03-02T18:15:30Z"));
    }

    @Test
    void reportNotificationWithoutTheReportIsFetchedFromGoTo() throws Exception {
        TestTenant tenant = newTenant();
        byte[] notification = java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/fixtures/goto/report-notification.json"));
        assertThat(post("/webhooks/goto/" + tenant.endpointKey(P), notification,
                Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "3c68f7cf-39ac-3aee-b529-fe3133950001");
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
        assertThat(call.summary()).startsWith("Caller asked to add his son");
        assertThat(gotoApi.received())
                .contains(new com.callintel.hub.support.GoToApiSimulator.Received("GET",
                        "/call-events-report/v1/reports/3c68f7cf-39ac-3aee-b529-fe3133950001", "Bearer " + GOTO_API_TOKEN));
    }

    @Test
    void reportThatCannotBeFetchedIsRetriedThenFailedVisibly() throws Exception {
        TestTenant tenant = newTenant();
        byte[] unknown = new String(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/fixtures/goto/report-notification.json")))
                .replace("3c68f7cf-39ac-3aee-b529-fe3133950001", "00000000-0000-0000-0000-00000000dead").getBytes();
        assertThat(post("/webhooks/goto/" + tenant.endpointKey(P), unknown,
                Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                !eventsWithStatus(tenant, "failed").isEmpty());
        assertThat((String) eventsWithStatus(tenant, "failed").get(0).get("failure_reason")).contains("404");
        assertThat(calls(tenant)).isZero();
    }

    @Test
    void aWrongPathTokenIsRefusedAndStoresNothing() {
        TestTenant tenant = newTenant();
        var response = post("/webhooks/goto/t_wrong", fixture(P, "inbound-ringing.json"), Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(storedEvents(tenant)).isZero();
    }
}
