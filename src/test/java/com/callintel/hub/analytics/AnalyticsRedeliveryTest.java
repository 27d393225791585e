package com.callintel.hub.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers redeliver and reorder: the same calls sent once in order, and sent shuffled with every event
 * repeated (also as redeliveries the intake cannot recognize, with a new event timestamp), give the same numbers.
 */
class AnalyticsRedeliveryTest extends AnalyticsTestSupport {

    private static final String RANGE = "from=2026-03-09&to=2026-03-09";

    @Test
    void duplicatedAndReorderedDeliveriesDoNotChangeTheNumbers() {
        List<ZoomEvent> calls = List.of(
                ZoomEvent.ended("r1", true, "zU_a", "2026-03-09T15:00:00Z", 8, 240, "Call connected"),
                ZoomEvent.ended("r2", true, "zU_a", "2026-03-09T15:30:00Z", 12, 60, "Call connected"),
                ZoomEvent.ended("r3", true, "zU_b", "2026-03-09T16:00:00Z", null, 30, "No Answer"),
                ZoomEvent.ended("r4", true, "zU_b", "2026-03-09T17:00:00Z", null, 45, "Voicemail"),
                ZoomEvent.ended("r5", false, "zU_b", "2026-03-09T18:00:00Z", 6, 500, "Call connected"));

        TestTenant once = newTenant();
        for (ZoomEvent call : calls) {
            if (call.answered() != null) {
                sendZoom(once, call.as("ringing"));
                sendZoom(once, call.as("answered"));
            } else {
                sendZoom(once, call.as("ringing"));
            }
            sendZoom(once, call);
        }
        awaitFacts(once, calls.size());

        TestTenant messy = newTenant();
        List<ZoomEvent> events = new ArrayList<>();
        for (ZoomEvent call : calls) {
            events.add(call.as("ringing"));
            events.add(call.as("ringing"));                 // an exact duplicate: acknowledged, stored once
            if (call.answered() != null) {
                events.add(call.as("answered"));
            }
            events.add(call);
            events.add(call.redelivered());                  // looks new to the intake: processed a second time
        }
        Collections.shuffle(events, new Random(7));
        events.forEach(e -> sendZoom(messy, e));
        awaitFacts(messy, calls.size());

        for (String view : List.of("totals", "leaderboard", "heatmap", "trend")) {
            assertThat(analytics(messy, view, RANGE)).as(view).isEqualTo(analytics(once, view, RANGE));
        }
        JsonNode totals = analytics(messy, "totals", RANGE).path("calls");
        assertThat(totals.path("calls").asLong()).isEqualTo(5);
        assertThat(totals.path("answered").asLong()).isEqualTo(3);
        assertThat(totals.path("talkSeconds").asLong()).isEqualTo(800);
        assertThat(jdbc.sql("select max(event_count) from call where org_id = :org").param("org", messy.orgId())
                .query(Integer.class).single()).as("the calls did see repeated events").isGreaterThan(2);
    }
}
