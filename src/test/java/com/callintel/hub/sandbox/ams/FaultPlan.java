package com.callintel.hub.sandbox.ams;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * Faults a simulator injects into the calls it receives, switchable per test: a fixed latency, the next N calls
 * failing with a 5xx, a seeded random share of calls failing, the next N calls throttled with 429 +
 * Retry-After, and the answers of the next N writes lost after the write (504). Each simulator renders an injected fault in its vendor's shape. Thread-safe.
 */
public final class FaultPlan {

    /** A fault chosen for one call: a 5xx, or a 429 carrying the Retry-After to send. */
    public record InjectedFault(int status, Duration retryAfter) {

        public boolean throttled() {
            return status == 429;
        }
    }

    private static final Duration MAX_LATENCY = Duration.ofSeconds(60);

    private Duration latency = Duration.ZERO;
    private int throttleCalls;
    private Duration retryAfter = Duration.ofSeconds(1);
    private int failCalls;
    private int failStatus = 503;
    private int failPercent;
    private Random random = new Random(0);
    private int lostAnswers;

    /** Delays every answer by {@code delay} (at most 60 s). */
    public synchronized FaultPlan latency(Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("latency must be between 0 and " + MAX_LATENCY);
        }
        latency = delay;
        return this;
    }

    /** The next {@code calls} calls fail with 503. */
    public FaultPlan failNext(int calls) {
        return failNext(calls, 503);
    }

    /** The next {@code calls} calls fail with {@code status} (500–599). */
    public synchronized FaultPlan failNext(int calls, int status) {
        if (calls < 0 || status < 500 || status > 599) {
            throw new IllegalArgumentException("calls must be >= 0 and status a 5xx");
        }
        failCalls = calls;
        failStatus = status;
        return this;
    }

    /** About {@code percent} % of calls fail with 503, drawn from a generator seeded with {@code seed}. */
    public synchronized FaultPlan failRandomly(int percent, long seed) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100");
        }
        failPercent = percent;
        random = new Random(seed);
        return this;
    }

    /** The next {@code calls} calls are answered 429 with a Retry-After of {@code after} (whole seconds). */
    public synchronized FaultPlan throttleNext(int calls, Duration after) {
        if (calls < 0 || after.isNegative()) {
            throw new IllegalArgumentException("calls and Retry-After must not be negative");
        }
        throttleCalls = calls;
        retryAfter = after;
        return this;
    }

    /**
     * The next {@code writes} calls that create a record do create it, but their answer is lost: the caller gets a
     * 504 (a gateway timing out after the vendor committed), as when a hub's request times out after the write.
     */
    public synchronized FaultPlan loseAnswerOfNextWrites(int writes) {
        if (writes < 0) {
            throw new IllegalArgumentException("writes must be >= 0");
        }
        lostAnswers = writes;
        return this;
    }

    /** Back to a healthy vendor. */
    public synchronized void clear() {
        latency = Duration.ZERO;
        throttleCalls = 0;
        failCalls = 0;
        failPercent = 0;
        lostAnswers = 0;
    }

    /** Consumes one lost answer, if any is planned, for a call that created a record. */
    synchronized boolean loseThisAnswer() {
        if (lostAnswers > 0) {
            lostAnswers--;
            return true;
        }
        return false;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** Consumes one call's worth of the plan: throttling first, then counted failures, then random failures. */
    synchronized Optional<InjectedFault> nextFault() {
        if (throttleCalls > 0) {
            throttleCalls--;
            return Optional.of(new InjectedFault(429, retryAfter));
        }
        if (failCalls > 0) {
            failCalls--;
            return Optional.of(new InjectedFault(failStatus, null));
        }
        if (failPercent > 0 && random.nextInt(100) < failPercent) {
            return Optional.of(new InjectedFault(503, null));
        }
        return Optional.empty();
    }
}
