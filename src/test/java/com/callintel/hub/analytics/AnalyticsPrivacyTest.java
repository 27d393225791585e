package com.callintel.hub.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.callintel.hub.privacy.PrivacyPurge;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard outlives the records: after the purge an hour past the AMS sync (numbers, names and texts
 * masked) and after the 30-day hard maximum (the call rows deleted), every analytics view answers the same.
 */
// PrivacyPurgeTest's context: the hard-maximum purge here deletes every organization's old rows
@TestPropertySource(properties = "callintel.test.context=privacy")
class AnalyticsPrivacyTest extends AnalyticsTestSupport {

    @Autowired
    AppliedEpicSimulator epic;
    @Autowired
    PrivacyPurge purge;
    @Autowired
    AnalyticsFacts facts;

    @BeforeEach
    void cleanSimulator() {
        epic.faults().clear();
        epic.comeUp();
    }

    @Test
    void afterThePrivacyPurgesTheDashboardNumbersAreUnchanged() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoom(tenant, ZoomEvent.ended("p1", true, "zU_a", "2026-03-09T15:00:00Z", 10, 300, "Call connected"));
        sendZoom(tenant, ZoomEvent.ended("p2", true, "zU_b", "2026-03-09T16:00:00Z", null, 30, "No Answer"));
        sendZoom(tenant, ZoomEvent.ended("p3", false, "zU_b", "2026-03-10T05:01:00Z", 4, 90, "Call connected"));
        sendSms(tenant, "p-sms", true, "2026-03-09T18:00:00Z");
        awaitFacts(tenant, 3);
        awaitSyncsSettled(tenant, Duration.ofSeconds(30));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from ams_sync_fact where org_id = :org and status = 'synced'")
                .param("org", tenant.orgId()).query(Long.class).single() == 4);
        Map<String, JsonNode> before = views(tenant);
        assertThat(before.get("totals").path("calls").path("calls").asLong()).isEqualTo(3);
        assertThat(before.get("totals").path("amsSynced").asLong()).isEqualTo(4);

        clock.advance(Duration.ofMinutes(61));
        purge.afterSync();
        clock.reset();
        assertThat(jdbc.sql("select count(*) from call where org_id = :org and external_number is null and purged_at is not null")
                .param("org", tenant.orgId()).query(Long.class).single()).as("masked").isEqualTo(3);
        assertThat(views(tenant)).as("after the purge an hour past the sync").isEqualTo(before);

        clock.advance(Duration.ofDays(31));
        purge.hardMaximum();
        clock.reset();
        assertThat(calls(tenant)).as("the call rows are gone").isZero();
        facts.reconcile();
        assertThat(views(tenant)).as("after the 30-day hard maximum and a reconcile").isEqualTo(before);
    }

    private Map<String, JsonNode> views(TestTenant tenant) {
        String today = LocalDate.now(ZoneId.of("America/Chicago")).toString();
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String view : List.of("totals", "leaderboard", "heatmap", "trend")) {
            views.put(view, analytics(tenant, view, "from=2026-03-01&to=" + today));
        }
        return views;
    }
}
