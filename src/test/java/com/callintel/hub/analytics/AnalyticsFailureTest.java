package com.callintel.hub.analytics;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.callintel.hub.ams.SyncJob;
import com.callintel.hub.processing.NormalizedEvents;
import com.callintel.hub.processing.ProcessedBatch;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analytics is a wire-tap: with its tables locked by another transaction (every analytics statement gives up
 * after callintel.analytics.lock-timeout), webhooks are still stored and processed and AMS notes still written;
 * the reconcile then restores the facts the failed steps missed.
 */
class AnalyticsFailureTest extends AnalyticsTestSupport {

    @Autowired
    AppliedEpicSimulator epic;
    @Autowired
    AnalyticsFacts facts;
    @Autowired
    DataSource dataSource;
    @Autowired
    CamelContext camel;

    @BeforeEach
    void cleanSimulator() {
        epic.faults().clear();
        epic.comeUp();
    }

    @Test
    void lockedAnalyticsTablesLeaveIntakeAndAmsSyncWorking() throws Exception {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        // this tenant's analytics steps only: other tests' traffic may still be flowing through the same routes
        NotifyBuilder analyticsGaveUp = new NotifyBuilder(camel)
                .fromRoute("analytics-facts").filter(e -> ofTenant(e.getIn().getBody(ProcessedBatch.class), tenant))
                .whenDone(2)
                .and().fromRoute("analytics-ams-outcome")
                .filter(e -> e.getProperty("CallIntelSyncJob", SyncJob.class) != null
                        && e.getProperty("CallIntelSyncJob", SyncJob.class).orgId().equals(tenant.orgId()))
                .whenDone(2).create();

        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table call_fact, sms_fact, ams_sync_fact in access exclusive mode");

            // one batch each (the two analytics steps counted above): the second is sent once the first is processed,
            // whatever the drain's pace (it may wait for the webhooks and then take both in one batch)
            sendZoom(tenant, ZoomEvent.ended("locked-1", true, "zU_a", "2026-03-09T15:00:00Z", 10, 300, "Call connected"));
            awaitProcessed(tenant);
            sendSms(tenant, "locked-sms", true, "2026-03-09T15:10:00Z");
            awaitProcessed(tenant);
            awaitSyncsSettled(tenant, Duration.ofSeconds(30));

            assertThat(call(tenant, "zoom", "locked-1").outcome()).as("processing went on").isEqualTo("answered");
            assertThat(syncs(tenant)).as("the AMS notes were written").hasSize(2)
                    .allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
            assertThat(analyticsGaveUp.matches(60, TimeUnit.SECONDS)).as("the analytics steps ran (and failed)").isTrue();
            locker.rollback();
        }
        assertThat(factRows(tenant)).as("nothing counted while the tables were locked").isZero();

        facts.reconcile();

        assertThat(factRows(tenant)).isEqualTo(4);   // the call, the SMS and their two syncs
        JsonNode totals = analytics(tenant, "totals", "from=2026-03-09&to=2026-03-09");
        assertThat(totals.path("calls").path("answered").asLong()).isEqualTo(1);
        assertThat(totals.path("calls").path("talkSeconds").asLong()).isEqualTo(300);
        assertThat(totals.path("smsInbound").asLong()).isEqualTo(1);
        assertThat(analytics(tenant, "totals", "").path("amsSynced").asLong()).isEqualTo(2);
    }

    private static boolean ofTenant(ProcessedBatch batch, TestTenant tenant) {
        if (batch == null) {
            return false;
        }
        NormalizedEvents events = batch.touched();
        return (events.calls().stream().anyMatch(c -> c.orgId().equals(tenant.orgId()))
                || events.messages().stream().anyMatch(m -> m.orgId().equals(tenant.orgId())));
    }

    private long factRows(TestTenant tenant) {
        return jdbc.sql("""
                select (select count(*) from call_fact where org_id = :org) + (select count(*) from sms_fact where org_id = :org)
                     + (select count(*) from ams_sync_fact where org_id = :org)""")
                .param("org", tenant.orgId()).query(Long.class).single();
    }
}
