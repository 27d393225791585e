package com.callintel.hub.analytics;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic, checked against a small scenario computed by hand in the organization's zone
 * (America/Chicago): answer rate, averages, calls either side of local midnight, and both 2026 DST changes.
 */
class AnalyticsMetricsTest extends AnalyticsTestSupport {

    @Test
    void totalsOfAHandComputedDay() {
        TestTenant tenant = newTenant();
        scenario(tenant);

        // 2026-03-09 (CDT, UTC-5): c1, c2 answered by A; c3 missed; c4 voicemail at 23:59 local (04:59Z next day)
        JsonNode day = analytics(tenant, "totals", "from=2026-03-09&to=2026-03-09").path("calls");
        assertThat(day.path("calls").asLong()).isEqualTo(4);
        assertThat(day.path("answered").asLong()).isEqualTo(2);
        assertThat(day.path("missed").asLong()).isEqualTo(1);
        assertThat(day.path("voicemail").asLong()).isEqualTo(1);
        assertThat(day.path("answerRate").asDouble()).isEqualTo(0.5);            // 2 of 4 ended calls
        assertThat(day.path("talkSeconds").asLong()).isEqualTo(400);             // 300 + 100
        assertThat(day.path("avgTalkSeconds").asLong()).isEqualTo(200);          // 400 / 2 answered
        assertThat(day.path("avgRingSeconds").asLong()).isEqualTo(15);           // (10 + 20) / 2

        // 2026-03-10: only c5, the outbound call at 00:01 local (05:01Z)
        JsonNode next = analytics(tenant, "totals", "from=2026-03-10&to=2026-03-10").path("calls");
        assertThat(next.path("calls").asLong()).isEqualTo(1);
        assertThat(next.path("outbound").asLong()).isEqualTo(1);
        assertThat(next.path("answerRate").asDouble()).isEqualTo(1.0);
        assertThat(next.path("talkSeconds").asLong()).isEqualTo(1000);

        JsonNode inbound = analytics(tenant, "totals", "from=2026-03-08&to=2026-03-10&direction=inbound");
        assertThat(inbound.path("calls").path("calls").asLong()).isEqualTo(6);
        assertThat(inbound.path("smsInbound").asLong()).isEqualTo(1);
        assertThat(inbound.path("smsOutbound").asLong()).isZero();
    }

    @Test
    void daysAndHoursFollowTheOrganizationsClockThroughMidnightAndDst() {
        TestTenant tenant = newTenant();
        scenario(tenant);

        // spring forward, Sunday 2026-03-08: 07:30Z is 01:30 CST, 08:30Z is 03:30 CDT; 02:xx never happened
        JsonNode spring = analytics(tenant, "heatmap", "from=2026-03-08&to=2026-03-08");
        assertThat(spring.path("calls").get(6).get(1).asLong()).isEqualTo(1);
        assertThat(spring.path("calls").get(6).get(2).asLong()).isZero();
        assertThat(spring.path("calls").get(6).get(3).asLong()).isEqualTo(1);

        JsonNode trend = analytics(tenant, "trend", "from=2026-03-08&to=2026-03-10");
        assertThat(trend.path("days").findValuesAsText("date")).containsExactly("2026-03-08", "2026-03-09", "2026-03-10");
        assertThat(callsPerDay(trend)).containsExactly(2L, 4L, 1L);
        // Monday 2026-03-09: the 23:59 voicemail is in hour 23 of Monday, the 00:01 call in hour 0 of Tuesday
        JsonNode week = analytics(tenant, "heatmap", "from=2026-03-08&to=2026-03-10");
        assertThat(week.path("calls").get(0).get(23).asLong()).isEqualTo(1);
        assertThat(week.path("voicemail").get(0).get(23).asLong()).isEqualTo(1);
        assertThat(week.path("calls").get(1).get(0).asLong()).isEqualTo(1);

        // fall back, Sunday 2026-11-01: 01:30 CDT (06:30Z) and 01:30 CST (07:30Z) share hour 1; the 25-hour day
        // still holds 23:30 CST (05:30Z on 11-02)
        JsonNode fall = analytics(tenant, "heatmap", "from=2026-11-01&to=2026-11-01");
        assertThat(fall.path("calls").get(6).get(1).asLong()).isEqualTo(2);
        assertThat(fall.path("calls").get(6).get(23).asLong()).isEqualTo(1);
        assertThat(analytics(tenant, "totals", "from=2026-11-01&to=2026-11-01").path("calls").path("calls").asLong())
                .isEqualTo(3);
        assertThat(analytics(tenant, "totals", "from=2026-11-02&to=2026-11-02").path("calls").path("calls").asLong())
                .isZero();
    }

    @Test
    void leaderboardRanksByTheChosenMeasure() {
        TestTenant tenant = newTenant();
        scenario(tenant);
        String range = "from=2026-03-08&to=2026-03-10";

        // A: c1, c2, c6 answered (talk 300 + 100 + 40), c7 missed; B: c3 missed, c4 voicemail, c5 answered (1000)
        JsonNode answered = analytics(tenant, "leaderboard", range + "&measure=answered").path("agents");
        assertThat(answered.findValuesAsText("agent")).containsExactly("zoom:zU_a", "zoom:zU_b");
        assertThat(answered.get(0).path("calls").path("answered").asLong()).isEqualTo(3);
        assertThat(answered.get(0).path("calls").path("answerRate").asDouble()).isEqualTo(0.75);
        assertThat(answered.get(1).path("calls").path("answerRate").asDouble()).isEqualTo(0.333);

        JsonNode talk = analytics(tenant, "leaderboard", range + "&measure=talk_time").path("agents");
        assertThat(talk.findValuesAsText("agent")).containsExactly("zoom:zU_b", "zoom:zU_a");
        assertThat(talk.get(0).path("calls").path("talkSeconds").asLong()).isEqualTo(1000);
        assertThat(talk.get(1).path("calls").path("talkSeconds").asLong()).isEqualTo(440);

        // once mapped, the agent is the organization member
        call("PUT", "/api/admin/agents", adminToken(tenant),
                "[{\"memberId\":\"user_alex\",\"provider\":\"zoom\",\"providerUserId\":\"zU_a\"}]");
        assertThat(analytics(tenant, "leaderboard", range).path("agents").get(0).path("agent").asText()).isEqualTo("user_alex");
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        TestTenant tenant = newTenant();
        String token = agentToken(tenant);
        for (String[] bad : List.of(new String[] {"from=2026-02-30", "from"}, new String[] {"to=yesterday", "to"},
                new String[] {"from=2026-03-10&to=2026-03-01", "from must not be after to"},
                new String[] {"from=2024-01-01&to=2026-01-01", "366 days"},
                new String[] {"direction=sideways", "direction"})) {
            var response = call("GET", "/api/analytics/totals?" + bad[0], token, null);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains(bad[1]);
        }
        var measure = call("GET", "/api/analytics/leaderboard?measure=coffee", token, null);
        assertThat(measure.statusCode()).isEqualTo(400);
        assertThat(measure.body()).contains("measure must be one of");
        assertThat(call("GET", "/api/analytics/totals", null, null).statusCode()).isEqualTo(401);
    }

    /** The hand-computed scenario: 7 calls in March, 3 around the November DST change, 1 SMS. */
    private void scenario(TestTenant tenant) {
        for (ZoomEvent e : List.of(
                ZoomEvent.ended("c1", true, "zU_a", "2026-03-09T15:00:00Z", 10, 300, "Call connected"),
                ZoomEvent.ended("c2", true, "zU_a", "2026-03-09T16:00:00Z", 20, 100, "Call connected"),
                ZoomEvent.ended("c3", true, "zU_b", "2026-03-09T17:00:00Z", null, 25, "No Answer"),
                ZoomEvent.ended("c4", true, "zU_b", "2026-03-10T04:59:00Z", null, 40, "Voicemail"),
                ZoomEvent.ended("c5", false, "zU_b", "2026-03-10T05:01:00Z", 5, 1000, "Call connected"),
                ZoomEvent.ended("c6", true, "zU_a", "2026-03-08T07:30:00Z", 4, 40, "Call connected"),
                ZoomEvent.ended("c7", true, "zU_a", "2026-03-08T08:30:00Z", null, 20, "No Answer"),
                ZoomEvent.ended("n1", true, "zU_a", "2026-11-01T06:30:00Z", 5, 60, "Call connected"),
                ZoomEvent.ended("n2", true, "zU_a", "2026-11-01T07:30:00Z", 5, 60, "Call connected"),
                ZoomEvent.ended("n3", true, "zU_b", "2026-11-02T05:30:00Z", null, 20, "No Answer"))) {
            sendZoom(tenant, e);
        }
        sendSms(tenant, "m1", true, "2026-03-09T18:00:00Z");
        awaitFacts(tenant, 10);
        awaitSms(tenant, 1);
    }

    private void awaitSms(TestTenant tenant, long n) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from sms_fact where org_id = :org").param("org", tenant.orgId()).query(Long.class).single() == n);
    }

    private static List<Long> callsPerDay(JsonNode trend) {
        List<Long> calls = new java.util.ArrayList<>();
        trend.path("days").forEach(d -> calls.add(d.path("calls").path("calls").asLong()));
        return calls;
    }
}
