package com.callintel.hub.ams;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * One resilience4j circuit breaker per organization and AMS: when an agency's AMS keeps failing, its syncs wait
 * (and are retried later from the database) instead of hammering it, and other agencies are not affected. Calls
 * slower than {@code breaker-slow-call} count as failures of a kind: a share of them opens the breaker as well.
 * Camel's circuitBreaker() EIP holds one breaker per route, not per tenant, hence this registry.
 */
@Component
public class TenantBreakers {

    private final CircuitBreakerRegistry registry;

    TenantBreakers(AmsSyncProperties properties) {
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
}
