package com.callintel.hub.ams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.HubIntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The AMS sync claim leases only what the organizations' free threads on this node can take (nothing is leased just
 * to be put back), and a busy agency's queue moves as its syncs end, not at the poll's pace: the poll here comes
 * once, at start, so every sync after the first claim's is written only because a finished one asked for the next.
 */
@TestPropertySource(properties = {"callintel.test.context=ams-claim", "callintel.ams.poll-delay=600000",
        "callintel.ams.syncs-per-organization=2", "callintel.ams.concurrency=8", "callintel.ams.batch-size=20"})
class AmsSyncClaimTest extends HubIntegrationTest {

    @Autowired
    AmsSyncQueue queue;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ProducerTemplate producer;

    @Test
    void theClaimTakesOnlyWhatTheOrganizationsFreeThreadsCanRun() {
        TestTenant busy = newTenant();
        TestTenant idle = newTenant();
        // inside one transaction that is rolled back: no claim of the hub itself ever sees these rows
        transaction.executeWithoutResult(status -> {
            for (int source = 1; source <= 4; source++) {
                due(busy.orgId(), source);
                due(idle.orgId(), source);
            }
            leaseExpired(idle.orgId(), 5);
            notYetDue(idle.orgId(), 6);

            List<SyncJob> claimed = queue.claim(Map.of(busy.orgId(), 1));

            assertThat(claimed).filteredOn(job -> job.orgId().equals(busy.orgId()))
                    .as("one thread of two is free for the busy organization").hasSize(1);
            assertThat(claimed).filteredOn(job -> job.orgId().equals(idle.orgId()))
                    .as("two for the other, the oldest: the expired lease and the first due")
                    .extracting(SyncJob::sourceId).containsExactlyInAnyOrder(5L, 1L);
            assertThat(queue.claim(Map.of(busy.orgId(), 2, idle.orgId(), 2)))
                    .as("both at their limit: nothing leased, nothing to put back").isEmpty();
            status.setRollbackOnly();
        });
    }

    @Test
    void aBusyAgencysSyncsFollowEachOtherWithoutWaitingForThePoll() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        for (int i = 0; i < 7; i++) {
            sendZoomCallFrom(tenant, "+15555550123", "claim-wake-" + i);
        }
        // (the poll's one run at start may have taken the first calls' syncs; it does not come again)
        producer.sendBody("direct:ams-sync-claim", null);

        awaitSyncsSettled(tenant, Duration.ofSeconds(30));
        assertThat(syncs(tenant)).hasSize(7).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(epic.created()).filteredOn(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)
                .as("one activity per call").hasSize(7);
    }

    private void due(UUID orgId, long sourceId) {
        insert(orgId, sourceId, "pending", "now() - interval '1 minute' + make_interval(secs => :source)", null);
    }

    private void leaseExpired(UUID orgId, long sourceId) {
        insert(orgId, sourceId, "syncing", "now() - interval '10 minutes'", "now() - interval '1 second'");
    }

    private void notYetDue(UUID orgId, long sourceId) {
        insert(orgId, sourceId, "pending", "now() - interval '2 hours' + interval '3 hours'", null);
    }

    private void insert(UUID orgId, long sourceId, String status, String nextAttempt, String leaseUntil) {
        jdbc.sql("insert into ams_sync (org_id, source_kind, source_id, status, next_attempt_at, lease_until) "
                        + "values (:org, 'call', :source, :status, " + nextAttempt + ", " + leaseUntil + ")")
                .param("org", orgId).param("source", sourceId).param("status", status).update();
    }
}
