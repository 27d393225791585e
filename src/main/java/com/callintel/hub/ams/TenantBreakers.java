package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * One resilience4j circuit breaker per organization and AMS: when an agency's AMS keeps failing, its syncs wait
 * (and are retried later from the database) instead of hammering it, and other agencies are not affected. Calls
 * slower than {@code breaker-slow-call} count as failures of a kind: a share of them opens the breaker as well.
 * Camel's circuitBreaker() EIP holds one breaker per route, not per tenant, hence this registry. The gauge
 * {@code callintel.ams.breakers} counts the breakers per AMS type and state (never per organization).
 */
@Component
public class TenantBreakers {

    private static final List<CircuitBreaker.State> MEASURED =
            List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN);

    private final CircuitBreakerRegistry registry;
    private final MeterRegistry meters;
    private final Set<String> measuredTypes = ConcurrentHashMap.newKeySet();

    TenantBreakers(AmsSyncProperties properties, MeterRegistry meters) {
        this.meters = meters;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.breakerFailureRate())
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .waitDurationInOpenState(properties.breakerOpenFor())
                // an AMS that answers, but slowly, holds threads as surely as one that fails: it opens the breaker too
                .slowCallDurationThreshold(properties.breakerSlowCall())
                .slowCallRateThreshold(properties.breakerSlowCallRate())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
    }

    /** Throws {@link CallNotPermittedException} while the breaker of this organization's AMS is open. */
    public CircuitBreaker acquire(UUID orgId, String amsType) {
        CircuitBreaker breaker = registry.circuitBreaker(orgId + "/" + amsType);
        if (measuredTypes.add(amsType)) {
            measure(amsType);
        }
        breaker.acquirePermission();
        return breaker;
    }

    public void succeeded(CircuitBreaker breaker, Duration took) {
        breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void failed(CircuitBreaker breaker, Duration took, Throwable cause) {
        breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, cause);
    }

    public CircuitBreaker.State state(UUID orgId, String amsType) {
        return registry.circuitBreaker(orgId + "/" + amsType).getState();
    }

    private void measure(String amsType) {
        String suffix = "/" + amsType;
        for (CircuitBreaker.State state : MEASURED) {
            Gauge.builder("callintel.ams.breakers", registry, all -> all.getAllCircuitBreakers().stream()
                            .filter(b -> b.getName().endsWith(suffix) && b.getState() == state).count())
                    .description("Circuit breakers of organizations' AMSs, per AMS type and state")
                    .tag("ams_type", amsType).tag("state", state.name().toLowerCase())
                    .register(meters);
        }
    }
}
