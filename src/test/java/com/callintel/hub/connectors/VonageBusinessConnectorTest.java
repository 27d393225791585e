package com.callintel.hub.connectors;

import java.time.Instant;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vonage Business (VIS): unsigned call events behind the endpoint key; durations in milliseconds. */
class VonageBusinessConnectorTest extends HubIntegrationTest {

    private static final String P = "vonage-business";

    @Test
    void ringingThenAnsweredEventBecomeOneAnsweredCall() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, P, "vonage", "vbc-call-event-ringing.json").statusCode()).isEqualTo(200);
        assertThat(send(tenant, P, "vonage", "vbc-call-event-answered-ended.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);

        CallRow call = call(tenant, P, "abc1234-288c-40d3-8ec8-3618a3ae0001");
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.fromNumber()).isEqualTo("+15555550123");
        assertThat(call.externalNumber()).isEqualTo("+15555550123");
        assertThat(call.externalName()).isEqualTo("MARCUS BELL");
        assertThat(call.agentId()).isEqualTo("vbc-user-101");
        assertThat(call.agentExtension()).isEqualTo("101");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T15:04:12Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.state()).isEqualTo("ended");
    }

    @Test
    void aWrongEndpointKeyIsRefusedAndStoresNothing() {
        TestTenant tenant = newTenant();
        var response = post("/webhooks/vonage-business/t_wrong", fixture("vonage", "vbc-call-event-ringing.json"),
                java.util.Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(storedEvents(tenant)).isZero();
    }
}
