package com.callintel.hub.privacy;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code callintel.purge.last-finished} per purge job: when a run of it last finished on any node (Unix
 * seconds; 0 before the first). The alert "purge not run in 2 h" compares it with the time; the runs themselves
 * are counted by {@code callintel.purge.runs} ({@link PrivacyPurge}).
 */
@Component
class PurgeFreshness {

    static final List<String> JOBS = List.of("purge-after-sync", "purge-hard-maximum");

    private final JdbcClient jdbc;

    PurgeFreshness(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        for (String job : JOBS) {
            Gauge.builder("callintel.purge.last-finished", this, freshness -> freshness.lastFinished(job))
                    .description("When a run of this purge job last finished on any node, in Unix seconds (0: never)")
                    .baseUnit("seconds")
                    .tag("job", job)
                    .register(registry);
        }
    }

    double lastFinished(String job) {
        return jdbc.sql("select coalesce(extract(epoch from max(finished_at)), 0)::float8 from purge_run where job = :job")
                .param("job", job).query(Double.class).single();
    }
}
