package com.callintel.hub.connectors;

import java.time.Instant;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RingCentral: session events, RingSense insights and SMS; the Validation-Token handshake. */
class RingCentralConnectorTest extends HubIntegrationTest {

    private static final String P = "ringcentral";

    @Test
    void sessionEventsAndInsightsBecomeOneCallWithDerivedTalkTime() {
        TestTenant tenant = newTenant();
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-completed.json", "ringsense-insights.json"}) {
            assertThat(send(tenant, P, P, f).statusCode()).as(f).isEqualTo(200);
        }
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "s-a0e7b361acc0az191bec7e275z7cae070001");
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550123");
        assertThat(call.toNumber()).isEqualTo("+15555550100");
        assertThat(call.externalName()).isEqualTo("Marcus Bell");
        assertThat(call.agentId()).isEqualTo("400144455008");
        assertThat(call.agentName()).isEqualTo("Dana Whitfield");
        assertThat(call.agentExtension()).isEqualTo("101");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05.050Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T15:04:12.050Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42.050Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.transcript()).contains("Dana Whitfield: Thanks for calling, this is Dana.")
                .contains("Marcus Bell: Hi, I need to add my son to my auto policy.");
        assertThat(call.summary()).contains("add his son as a driver").contains("Next step: Send revised auto quote");
    }

    @Test
    void missedCallIsMissedWithNoTalkTime() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "missed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "s-a0e7b361acc0az191bec7e275z7cae070002");
        assertThat(call.fromNumber()).isEqualTo("+15555550188");
        assertThat(call.outcome()).isEqualTo("missed");
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:25.050Z"));
        assertThat(call.startedAt()).as("the first event the hub saw of the session gives its start")
                .isEqualTo(Instant.parse("2026-03-02T16:20:25.050Z"));
        assertThat(call.durationSeconds()).isZero();
    }

    @Test
    void finishedOutboundCallIsAnsweredEvenWithoutItsAnswerEvent() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "outbound-completed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "s-a0e7b361acc0az191bec7e275z7cae070003");
        assertThat(call.direction()).isEqualTo("outbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550100");
        assertThat(call.toNumber()).isEqualTo("+15555550142");
        assertThat(call.externalName()).isEqualTo("Helen Ortiz");
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T17:03:08.050Z"));
        assertThat(call.durationSeconds()).as("talk time needs the call log, which session events lack").isNull();
    }

    @Test
    void smsTextComesFromTheSubject() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "sms-inbound.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        SmsRow sms = sms(tenant, P, "606090030001");
        assertThat(sms.direction()).isEqualTo("inbound");
        assertThat(sms.fromNumber()).isEqualTo("+15555550123");
        assertThat(sms.toNumber()).isEqualTo("+15555550100");
        assertThat(sms.body()).isEqualTo("Hi, can you send my auto ID card?");
        assertThat(sms.sentAt()).isEqualTo(Instant.parse("2026-03-02T18:15:30Z"));
    }

    @Test
    void validationTokenHandshakeIsEchoedSmallAndStoresNothing() {
        TestTenant tenant = newTenant();
        var response = post("/webhooks/ringcentral/" + tenant.endpointKey(P), new byte[0],
                Map.of("Validation-Token", "4d8d1d56-3c55-4b1c-9b2a-5e1f0c3f9a10"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Validation-Token")).hasValue("4d8d1d56-3c55-4b1c-9b2a-5e1f0c3f9a10");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        int size = response.body().length() + response.headers().map().entrySet().stream()
                .mapToInt(e -> e.getKey().length() + 2 + String.join(",", e.getValue()).length() + 2).sum();
        assertThat(size).as("RingCentral refuses validation answers of 1,024 bytes or more").isLessThan(1024);
        assertThat(storedEvents(tenant)).isZero();
    }
}
