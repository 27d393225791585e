package com.callintel.hub.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What the intake counts: {@code callintel.webhooks} per provider, answer (stored, duplicate, or the refusal's
 * problem type) and status class ({@code 2xx}, {@code 4xx}, {@code 5xx}: the alert on intake 5xx reads it). Each
 * counter is made once per provider and answer and then found without building a key. Webhooks skip the generic
 * per-request observation ({@code http.server.requests}): at thousands a second its tags and timers cost more
 * than the webhook's own work, and these counters say what operators need.
 */
@Configuration(proxyBeanMethods = false)
class IntakeMetrics {

    private static final String WEBHOOKS = "/webhooks/";

    private final MeterRegistry registry;
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one acknowledged webhook (answer {@code stored} or {@code duplicate}). */
    void answered(String provider, String answer) {
        counted(provider, answer, 200);
    }

    /** Counts a refusal by its problem type (the last segment of the type URI: a fixed set of the hub's own). */
    void refused(String provider, Problem problem) {
        String type = problem.type().getPath();
        counted(provider, type.substring(type.lastIndexOf('/') + 1), problem.status());
    }

    private void counted(String provider, String answer, int status) {
        counters.computeIfAbsent(provider, any -> new ConcurrentHashMap<>())
                .computeIfAbsent(answer, any -> Counter.builder("callintel.webhooks")
                        .description("Webhooks answered by this node, per provider, answer and status class")
                        .tag("provider", provider).tag("answer", answer).tag("status", (status / 100) + "xx")
                        .register(registry))
                .increment();
    }

    @Bean
    static ObservationPredicate webhooksNotObservedPerRequest() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null && request.getCarrier().getRequestURI().startsWith(WEBHOOKS));
    }
}
