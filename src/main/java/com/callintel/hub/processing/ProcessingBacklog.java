package com.callintel.hub.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauges of the queue, across all nodes: {@code callintel.processing.backlog}, webhooks acknowledged and not
 * yet processed (pending, or claimed and not finished), and {@code callintel.processing.lag}, how long the oldest
 * of them has waited. Read on demand from the queue's partial index, so they are never stale.
 */
@Component
class ProcessingBacklog {

    private final JdbcClient jdbc;

    ProcessingBacklog(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("callintel.processing.backlog", this, ProcessingBacklog::count)
                .description("Webhooks acknowledged and not yet processed")
                .baseUnit("events")
                .register(registry);
        Gauge.builder("callintel.processing.lag", this, ProcessingBacklog::oldestWaitSeconds)
                .description("How long the oldest webhook not yet processed has waited (0: none waits)")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Events waiting for, or in, processing. */
    long count() {
        return jdbc.sql("select count(*) from inbound_event where processed_at is null")
                .query(Long.class).single();
    }

    /** Seconds since the oldest unprocessed event arrived; ids grow with arrival, so the index's first row is it. */
    double oldestWaitSeconds() {
        return jdbc.sql("""
                        select greatest(extract(epoch from clock_timestamp() - received_at), 0)::float8
                        from inbound_event where processed_at is null order by id limit 1
                        """)
                .query(Double.class).optional().orElse(0.0);
    }
}
