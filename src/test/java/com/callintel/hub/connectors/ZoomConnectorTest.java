package com.callintel.hub.connectors;

import java.time.Instant;

import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Zoom Phone: x-zm-signature events, URL validation, call logs, transcripts and SMS. */
class ZoomConnectorTest extends HubIntegrationTest {

    private static final String P = "zoom";

    @Test
    void liveEventsCallLogAndTranscriptBecomeOneCall() {
        TestTenant tenant = newTenant();
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-completed.json",
                "inbound-call-log-completed.json", "transcript-completed.json"}) {
            assertThat(send(tenant, P, P, f).statusCode()).as(f).isEqualTo(200);
        }
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "7412000000000000001");
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550123");
        assertThat(call.toNumber()).isEqualTo("+15555550100");
        assertThat(call.externalName()).isEqualTo("Marcus Bell");
        assertThat(call.agentId()).isEqualTo("zU_dana_whitfield");
        assertThat(call.agentName()).isEqualTo("Dana Whitfield");
        assertThat(call.agentExtension()).isEqualTo("101");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T15:04:12Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.transcriptUrl()).isEqualTo("https://zoom.us/v2/phone/recording_transcript/download/rec_7412_0001");
    }

    @Test
    void missedCallHasNoTalkTime() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "missed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "7412000000000000002");
        assertThat(call.fromNumber()).isEqualTo("+15555550188");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:00Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:25Z"));
        assertThat(call.outcome()).isEqualTo("missed");
        assertThat(call.durationSeconds()).isZero();
    }

    @Test
    void outboundCallHasTheAgentAsCaller() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "outbound-completed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "7412000000000000003");
        assertThat(call.direction()).isEqualTo("outbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550100");
        assertThat(call.toNumber()).isEqualTo("+15555550142");
        assertThat(call.externalName()).isEqualTo("Helen Ortiz");
        assertThat(call.agentId()).isEqualTo("zU_dana_whitfield");
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T17:00:08Z"));
        assertThat(call.durationSeconds()).isEqualTo(180);
        assertThat(call.outcome()).isEqualTo("answered");
    }

    @Test
    void receivedSmsIsRecorded() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "sms-inbound.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        SmsRow sms = sms(tenant, P, "msg_0001");
        assertThat(sms.direction()).isEqualTo("inbound");
        assertThat(sms.fromNumber()).isEqualTo("+15555550123");
        assertThat(sms.toNumber()).isEqualTo("+15555550100");
        assertThat(sms.agentId()).isEqualTo("zU_dana_whitfield");
        assertThat(sms.body()).isEqualTo("Hi, can you send my auto ID card?");
    }

    @Test
    void urlValidationIsAnsweredWithTheEncryptedTokenAndStoresNothing() throws Exception {
        TestTenant tenant = newTenant();
        var response = send(tenant, P, P, "url-validation.json");

        assertThat(response.statusCode()).isEqualTo(200);
        var reply = new ObjectMapper().readTree(response.body());
        assertThat(reply.path("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        assertThat(reply.path("encryptedToken").asText())
                .isEqualTo("1fdea2183105715a82539862869b736f7c77d37657101f27584649ba5011bd87");
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void unsignedUrlValidationIsRefused() {
        TestTenant tenant = newTenant();
        var response = post("/webhooks/zoom/" + tenant.endpointKey(P), fixture(P, "url-validation.json"),
                java.util.Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void aiSummaryNoticeIsKeptAsIgnoredWithItsReason() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "ai-call-summary-changed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        assertThat(eventsWithStatus(tenant, "ignored")).singleElement()
                .satisfies(row -> assertThat((String) row.get("failure_reason")).contains("aics_Zk9x2Lw0001"));
        assertThat(calls(tenant)).isZero();
    }

}
