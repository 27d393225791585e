package com.callintel.hub.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code callintel.processing.backlog}: webhooks acknowledged and not yet processed (pending, or
 * claimed and not finished), across all nodes. Read on demand from the queue's partial index, so it is never stale.
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
    }

    /** Events waiting for, or in, processing. */
    long count() {
        return jdbc.sql("select count(*) from inbound_event where processed_at is null")
                .query(Long.class).single();
    }
}
