package com.callintel.hub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a test, moved forward by the test instead of waited for: the hub's clock follows real time plus an
 * offset (reset after each test); a simulator's clock stands still at a fixed instant until moved.
 */
public final class TestClock extends Clock {

    /** Null while the clock follows real time. */
    private final Instant stoppedAt;
    private volatile Duration offset = Duration.ZERO;

    /** Real time, until {@link #advance} moves it forward. */
    public TestClock() {
        this(null);
    }

    private TestClock(Instant stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    /** A clock that shows {@code at} until {@link #advance} moves it, so expiries are checked to the second. */
    public static TestClock stoppedAt(Instant at) {
        return new TestClock(at);
    }

    public synchronized void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (stoppedAt == null ? Instant.now() : stoppedAt).plus(offset);
    }
}
