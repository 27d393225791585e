package com.callintel.hub.ams;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The timer {@code callintel.ams.sync}: how each sync attempt settled (written, followed-up, unmatched,
 * needs_choice, retried, dead-lettered) and how long it took, per AMS type. Its count is the outcomes' count.
 */
@Component
class AmsSyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    AmsSyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void settled(String amsType, String outcome, Duration took) {
        String type = amsType == null ? "unknown" : amsType;
        timers.computeIfAbsent(type, any -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, any -> Timer.builder("callintel.ams.sync")
                        .description("AMS sync attempts by how they settled, from the claim to the outcome, per AMS type")
                        .tag("ams_type", type).tag("outcome", outcome)
                        .register(registry))
                .record(took);
    }
}
