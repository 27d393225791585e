package com.callintel.hub.ams;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Decides what a failed AMS call means: retry later (with exponential backoff and jitter, or the AMS's own
 * Retry-After), fetch a new token and retry, or give up because retrying cannot fix it.
 */
@Component
public class AmsFailures {

    /** What to do after a failure. */
    public record Decision(boolean retry, boolean reauthenticate, Duration delay, String reason) {
    }

    private final AmsSyncProperties properties;

    AmsFailures(AmsSyncProperties properties) {
        this.properties = properties;
    }

    public Decision classify(Throwable failure, int attempts) {
        Throwable cause = rootOf(failure);
        if (cause instanceof AmsRefusedException) {
            return new Decision(false, false, Duration.ZERO, cause.getMessage());
        }
        if (cause instanceof CallNotPermittedException) {
            return new Decision(true, false, properties.breakerOpenFor(), "circuit open: the AMS failed too often");
        }
        if (cause instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            String what = "AMS answered HTTP " + status;
            if (status == 401) {
                return new Decision(true, true, Duration.ZERO, what + " (token refused)");
            }
            if (status == 429) {
                return new Decision(true, false, retryAfter(http.getResponseHeaders()).orElse(backoff(attempts)), what);
            }
            if (status == 408 || status >= 500) {
                return new Decision(true, false, backoff(attempts), what);
            }
            return new Decision(false, false, Duration.ZERO, what + ": " + abbreviate(http.getResponseBody()));
        }
        if (cause instanceof IOException || cause instanceof AmsUnavailableException) {
            return new Decision(true, false, backoff(attempts), "AMS unreachable: " + cause.getMessage());
        }
        return new Decision(true, false, backoff(attempts), cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Exponential backoff from the first retry delay, capped, with jitter so that retries spread out. */
    Duration backoff(int attempts) {
        long base = properties.firstRetry().toMillis() << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(base, properties.maxRetry().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static java.util.Optional<Duration> retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return java.util.Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(e -> e.getValue().trim())
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .findFirst();
    }

    private static Throwable rootOf(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof HttpOperationFailedException) && !(current instanceof AmsRefusedException)) {
            current = current.getCause();
        }
        return current;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
