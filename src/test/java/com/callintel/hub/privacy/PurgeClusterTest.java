package com.callintel.hub.privacy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.callintel.hub.support.StandaloneHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hub nodes on one database, both scheduling the purges every two seconds: each period runs exactly once,
 * and it is Quartz's clustered job store that sees to it (no node ever had to skip a period another node ran).
 */
class PurgeClusterTest {

    private static final String[] EVERY_TWO_SECONDS = {
            "callintel.privacy.after-sync-cron=0/2 * * * * ?",
            "callintel.privacy.hard-maximum-cron=1/2 * * * * ?"};
    private static final int PERIODS = 5;

    @TempDir
    Path dataDir;

    @Test
    void eachScheduledPurgeRunsOncePerPeriodAcrossTwoNodes() {
        try (ConfigurableApplicationContext a = StandaloneHub.start(dataDir, EVERY_TWO_SECONDS);
             ConfigurableApplicationContext b = StandaloneHub.startSecondNode(a, dataDir, EVERY_TWO_SECONDS)) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from qrtz_scheduler_state").query(Long.class).single())
                    .as("both nodes checked in to the Quartz cluster").isEqualTo(2);
            Instant bothUp = Instant.now();

            for (String job : List.of("purge-after-sync", "purge-hard-maximum")) {
                await().atMost(Duration.ofSeconds(40)).until(() -> periodsSince(jdbc, job, bothUp).size() >= PERIODS);
                List<Instant> periods = periodsSince(jdbc, job, bothUp);
                for (int i = 1; i < periods.size(); i++) {
                    assertThat(Duration.between(periods.get(i - 1), periods.get(i)))
                            .as(job + ": consecutive periods, none run twice or skipped").isEqualTo(Duration.ofSeconds(2));
                }
                assertThat(jdbc.sql("select count(*) from purge_run where job = :job and finished_at is null "
                                + "and scheduled_for < now() - interval '5 seconds'").param("job", job)
                        .query(Long.class).single()).as(job + ": every run finished").isZero();
            }
            assertThat(skipped(a) + skipped(b)).as("periods a node found already run by the other").isZero();
            assertThat(ran(a) + ran(b)).as("runs started by the two nodes").isGreaterThanOrEqualTo(2 * PERIODS);
        }
    }

    /** The scheduled fire times of the job's runs since {@code since}, in order (one row per period at most). */
    private static List<Instant> periodsSince(JdbcClient jdbc, String job, Instant since) {
        return jdbc.sql("select scheduled_for from purge_run where job = :job and scheduled_for > :since order by 1")
                .param("job", job).param("since", java.sql.Timestamp.from(since))
                .query(java.sql.Timestamp.class).list().stream().map(java.sql.Timestamp::toInstant).toList();
    }

    private static double skipped(ConfigurableApplicationContext hub) {
        return runs(hub, "already-ran");
    }

    private static double ran(ConfigurableApplicationContext hub) {
        return runs(hub, "ran");
    }

    private static double runs(ConfigurableApplicationContext hub, String outcome) {
        return hub.getBean(MeterRegistry.class).find("callintel.purge.runs").tag("outcome", outcome).counters()
                .stream().mapToDouble(Counter::count).sum();
    }
}
