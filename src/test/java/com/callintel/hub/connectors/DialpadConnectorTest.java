package com.callintel.hub.connectors;

import java.time.Instant;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dialpad: JWT bodies become canonical calls and SMS (epoch-ms times and ms durations converted). */
class DialpadConnectorTest extends HubIntegrationTest {

    private static final String P = "dialpad";

    @Test
    void inboundCallEventsBecomeOneAnsweredSummarizedCall() {
        TestTenant tenant = newTenant();
        for (String f : new String[] {"inbound-ringing.jwt", "inbound-completed.json", "transcription.json", "recap-summary.json"}) {
            assertThat(send(tenant, P, P, f).statusCode()).as(f).isEqualTo(200);
        }
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "6263000000000001");
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550123");
        assertThat(call.toNumber()).isEqualTo("+15555550100");
        assertThat(call.externalNumber()).isEqualTo("+15555550123");
        assertThat(call.externalName()).isEqualTo("Marcus Bell");
        assertThat(call.agentId()).isEqualTo("5120000000000001");
        assertThat(call.agentName()).isEqualTo("Dana Whitfield");
        assertThat(call.agentEmail()).isEqualTo("dana.whitfield@example-agency.com");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T15:04:12Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.state()).isEqualTo("summarized");
        assertThat(call.recordingUrl()).isEqualTo("https://dialpad.com/r/example/rec-6263000000000001");
        assertThat(call.transcript()).startsWith("Marcus Bell: Hi, I need to add my son");
        assertThat(call.summary()).contains("17-year-old son").contains("Action: Send revised auto quote");
        assertThat(call.eventCount()).isEqualTo(4);
    }

    @Test
    void missedCallHasNoTalkTime() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "missed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "6263000000000002");
        assertThat(call.fromNumber()).isEqualTo("+15555550188");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:00Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:25Z"));
        assertThat(call.answeredAt()).isNull();
        assertThat(call.durationSeconds()).isZero();
        assertThat(call.outcome()).isEqualTo("missed");
        assertThat(call.state()).isEqualTo("ended");
    }

    @Test
    void outboundCallIsFromTheAgentsLine() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "outbound-completed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "6263000000000003");
        assertThat(call.direction()).isEqualTo("outbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550100");
        assertThat(call.toNumber()).isEqualTo("+15555550142");
        assertThat(call.externalNumber()).isEqualTo("+15555550142");
        assertThat(call.externalName()).isEqualTo("Helen Ortiz");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T17:00:08Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T17:03:08Z"));
        assertThat(call.durationSeconds()).isEqualTo(180);
        assertThat(call.outcome()).isEqualTo("answered");
    }

    @Test
    void inboundSmsIsRecordedWithItsText() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "sms-inbound.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        SmsRow sms = sms(tenant, P, "4810000000000001");
        assertThat(sms.direction()).isEqualTo("inbound");
        assertThat(sms.fromNumber()).isEqualTo("+15555550123");
        assertThat(sms.toNumber()).isEqualTo("+15555550100");
        assertThat(sms.externalName()).isEqualTo("Marcus Bell");
        assertThat(sms.agentName()).isEqualTo("Dana Whitfield");
        assertThat(sms.body()).isEqualTo("Hi, can you send my auto ID card?");
        assertThat(sms.sentAt()).isEqualTo(Instant.parse("2026-03-02T18:15:30Z"));
    }
}
