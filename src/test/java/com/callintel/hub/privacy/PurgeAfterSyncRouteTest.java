package com.callintel.hub.privacy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.callintel.hub.support.AdvisedRouteTest;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly purge (route purge-after-sync, routes/purge-after-sync.yaml), reached by its id with its Quartz
 * trigger swapped for a direct: endpoint: the route hands the purge the fire time Quartz intended, so each period
 * is run once and recorded as run, and a period already run (by another node) is skipped.
 */
class PurgeAfterSyncRouteTest extends AdvisedRouteTest {

    @BeforeEach
    void fireByHand() throws Exception {
        advise("purge-after-sync", route -> {
            route.replaceFromWith("direct:purge-after-sync");
            route.weaveAddLast().to("mock:purged");
        });
    }

    @Test
    void eachScheduledPeriodIsRunOnceUnderTheFireTimeQuartzIntended() throws Exception {
        Date period = Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS));
        MockEndpoint purged = mock("mock:purged");
        purged.expectedMessageCount(2);

        producer.sendBodyAndHeader("direct:purge-after-sync", null, "scheduledFireTime", period);
        producer.sendBodyAndHeader("direct:purge-after-sync", null, "scheduledFireTime", period);

        purged.assertIsSatisfied();
        assertThat(runsOf(period)).as("one run recorded for the period").singleElement()
                .satisfies(run -> assertThat(run.get("finished_at")).isNotNull());
        assertThat(purged.getReceivedExchanges().get(1).getIn().getBody(Long.class))
                .as("the period's second firing masks nothing: it was already run").isZero();
    }

    private List<Map<String, Object>> runsOf(Date period) {
        return jdbc.sql("select finished_at from purge_run where job = 'purge-after-sync' and scheduled_for = :period")
                .param("period", Timestamp.from(period.toInstant())).query().listOfRows();
    }
}
