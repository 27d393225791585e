package com.callintel.hub.processing;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Providers redeliver and reorder: a call's record must not depend on how often or in which order events come. */
class DeliveryOrderTest extends HubIntegrationTest {

    private static final int SHUFFLES = 5;

    @Test
    void sameEventDeliveredFiveTimesIsStoredOnce() {
        TestTenant tenant = newTenant();
        SignedRequest signed = SampleSender.sign("zoom", fixture("zoom", "inbound-ringing.json"),
                FIXTURE_SECRETS.get("zoom"), Instant.now());
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers()));
        }
        awaitProcessed(tenant);

        assertThat(replies).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(replies.get(0).body()).contains("\"duplicate\":false");
        assertThat(replies.subList(1, 5)).allSatisfy(r -> assertThat(r.body()).contains("\"duplicate\":true"));
        assertThat(storedEvents(tenant)).isEqualTo(1);
        assertThat(calls(tenant)).isEqualTo(1);
        assertThat(call(tenant, "zoom", "7412000000000000001").eventCount()).isEqualTo(1);
    }

    @Test
    void endedBeforeRingingStillEndsAsOneAnsweredCall() {
        TestTenant tenant = newTenant();
        send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        awaitProcessed(tenant);
        send(tenant, "dialpad", "dialpad", "inbound-ringing.jwt");
        awaitProcessed(tenant);

        CallRow call = call(tenant, "dialpad", "6263000000000001");
        assertThat(calls(tenant)).isEqualTo(1);
        assertThat(call.state()).isEqualTo("ended");
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.durationSeconds()).isEqualTo(330);
    }

    static Stream<Arguments> callsOfSeveralEvents() {
        return Stream.of(
                Arguments.of("dialpad", "dialpad", "6263000000000001",
                        List.of("inbound-ringing.jwt", "inbound-completed.json", "transcription.json", "recap-summary.json")),
                Arguments.of("ringcentral", "ringcentral", "s-a0e7b361acc0az191bec7e275z7cae070001",
                        List.of("inbound-ringing.json", "inbound-answered.json", "inbound-completed.json", "ringsense-insights.json")),
                Arguments.of("vonage", "vonage", "CON-f972836a-550f-45fa-956c-12a2ab5b0001",
                        List.of("inbound-ringing.json", "inbound-answered.json", "inbound-completed.json", "recording.json",
                                "transcription.json")),
                Arguments.of("goto", "goto", "3c68f7cf-39ac-3aee-b529-fe3133950001",
                        List.of("inbound-ringing.json", "inbound-answered.json", "inbound-ending.json",
                                "inbound-completed-report.json")),
                Arguments.of("zoom", "zoom", "7412000000000000001",
                        List.of("inbound-ringing.json", "inbound-answered.json", "inbound-completed.json",
                                "inbound-call-log-completed.json", "transcript-completed.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsOfSeveralEvents")
    void shuffledEventsOfOneCallEndInTheSameRecord(String provider, String folder, String callId, List<String> events) {
        CallRow inOrder = deliver(provider, folder, callId, events);
        Random random = new Random(20261129L + provider.hashCode());
        for (int i = 0; i < SHUFFLES; i++) {
            List<String> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            assertThat(deliver(provider, folder, callId, shuffled)).as("order %s", shuffled).isEqualTo(inOrder);
        }
    }

    /** Delivers the events one at a time in the given order to a fresh organization; returns the call. */
    private CallRow deliver(String provider, String folder, String callId, List<String> events) {
        TestTenant tenant = newTenant();
        for (String event : events) {
            assertThat(send(tenant, provider, folder, event).statusCode()).isEqualTo(200);
            awaitProcessed(tenant);
        }
        assertThat(calls(tenant)).isEqualTo(1);
        return call(tenant, provider, callId);
    }
}
