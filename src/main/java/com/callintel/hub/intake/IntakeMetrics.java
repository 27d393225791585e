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
 * What the intake counts: {@code callintel.webhooks} per provider and answer (stored, duplicate, or the refusal's
 * problem type). Webhooks skip the generic per-request observation ({@code http.server.requests}): at thousands
 * a second its tags and timers cost more than the webhook's own work, and these counters say what operators need.
 */
@Configuration(proxyBeanMethods = false)
class IntakeMetrics {

    private static final String WEBHOOKS = "/webhooks/";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one answered webhook; the counters are made once per provider and answer. */
    void answered(String provider, String answer) {
        counters.computeIfAbsent(provider + '\n' + answer, key -> Counter.builder("callintel.webhooks")
                .description("Webhooks answered by this node, per provider and answer")
                .tag("provider", provider).tag("answer", answer)
                .register(registry)).increment();
    }

    /** Counts a refusal by its problem type (the last segment of the type URI: a fixed set of the hub's own). */
    void refused(String provider, Problem problem) {
        String type = problem.type().getPath();
        answered(provider, type.substring(type.lastIndexOf('/') + 1));
    }

    @Bean
    static ObservationPredicate webhooksNotObservedPerRequest() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null && request.getCarrier().getRequestURI().startsWith(WEBHOOKS));
    }
}
