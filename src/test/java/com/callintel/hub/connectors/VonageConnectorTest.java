package com.callintel.hub.connectors;

import java.time.Instant;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vonage Voice/Messages: signed-callback JWTs; numbers without '+', durations as strings, links only. */
class VonageConnectorTest extends HubIntegrationTest {

    private static final String P = "vonage";

    @Test
    void callLegEventsRecordingAndTranscriptionBecomeOneCall() {
        TestTenant tenant = newTenant();
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-completed.json",
                "recording.json", "transcription.json"}) {
            assertThat(send(tenant, P, P, f).statusCode()).as(f).isEqualTo(200);
        }
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "CON-f972836a-550f-45fa-956c-12a2ab5b0001");
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550123");
        assertThat(call.toNumber()).isEqualTo("+15555550100");
        assertThat(call.agentId()).as("Voice API events name no agent").isNull();
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05.120Z"));
        assertThat(call.answeredAt()).as("the answered event's time").isEqualTo(Instant.parse("2026-03-02T15:04:12.004Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.recordingUrl()).isEqualTo("https://api.nexmo.com/v1/files/aaaaaaaa-bbbb-cccc-dddd-000000000001");
        assertThat(call.transcriptUrl()).isEqualTo("https://api.nexmo.com/v1/files/eeeeeeee-ffff-0000-1111-000000000001");
    }

    @Test
    void timeoutIsAMissedCall() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "missed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "CON-f972836a-550f-45fa-956c-12a2ab5b0002");
        assertThat(call.fromNumber()).isEqualTo("+15555550188");
        assertThat(call.outcome()).isEqualTo("missed");
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T16:20:25Z"));
        assertThat(call.durationSeconds()).isZero();
    }

    @Test
    void completedOutboundCallCarriesItsDuration() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "outbound-completed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "CON-f972836a-550f-45fa-956c-12a2ab5b0003");
        assertThat(call.direction()).isEqualTo("outbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550100");
        assertThat(call.toNumber()).isEqualTo("+15555550142");
        assertThat(call.externalNumber()).isEqualTo("+15555550142");
        assertThat(call.startedAt()).as("completed's start_time is the call's start").isEqualTo(Instant.parse("2026-03-02T17:00:08Z"));
        assertThat(call.answeredAt()).as("no answered event came").isNull();
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T17:03:08Z"));
        assertThat(call.durationSeconds()).isEqualTo(180);
        assertThat(call.outcome()).isEqualTo("answered");
    }

    @Test
    void inboundMessageBecomesAnSms() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, P, "sms-inbound.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        SmsRow sms = sms(tenant, P, "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab");
        assertThat(sms.fromNumber()).isEqualTo("+15555550123");
        assertThat(sms.toNumber()).isEqualTo("+15555550100");
        assertThat(sms.body()).isEqualTo("Hi, can you send my auto ID card?");
        assertThat(sms.sentAt()).isEqualTo(Instant.parse("2026-03-02T18:15:30Z"));
    }
}
