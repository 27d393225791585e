package com.callintel.hub.intake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake's bound adapts to how fast webhooks are acknowledged: slow answers cut it towards the floor (the
 * surplus is refused at once), timely answers while it is in use raise it back towards the configured ceiling.
 */
class AdaptiveIntakeBoundTest {

    private static final int CEILING = 64;
    private static final int FLOOR = 8;

    private final IntakeCapacityProperties capacity = new IntakeCapacityProperties(CEILING, FLOOR, Duration.ofMillis(50),
            2, 256, 128, Duration.ofMillis(400), Duration.ofMillis(250), Duration.ofSeconds(10), 1, Duration.ofMillis(10));
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final IntakeBulkhead bulkhead = new IntakeBulkhead(capacity, new IntakePressure(capacity), clock::get);

    @Test
    void theFullCeilingIsAvailableAtFirstAndNotOneMore() {
        for (int i = 0; i < CEILING; i++) {
            assertThat(bulkhead.tryEnter()).isTrue();
        }
        assertThat(bulkhead.tryEnter()).isFalse();
        assertThat(bulkhead.inUse()).isEqualTo(CEILING);
    }

    @Test
    void slowAcknowledgementsCutTheBoundToTheFloorAndTheSurplusIsRefused() {
        for (int i = 0; i < 40; i++) {
            assertThat(bulkhead.tryEnter()).isTrue();
            bulkhead.leave(ago(200));
        }
        assertThat(bulkhead.limit()).isEqualTo(FLOOR);
        for (int i = 0; i < FLOOR; i++) {
            assertThat(bulkhead.tryEnter()).isTrue();
        }
        assertThat(bulkhead.tryEnter()).as("one past the floor while answers are slow").isFalse();
    }

    @Test
    void slowAnswersOfOneMomentCutTheBoundOnceNotOncePerAnswer() {
        for (int i = 0; i < 40; i++) {
            bulkhead.tryEnter();
        }
        long entered = clock.get() - TimeUnit.MILLISECONDS.toNanos(200);
        for (int i = 0; i < 40; i++) {
            bulkhead.leave(entered);       // forty answers, all slow, all at the same moment
        }
        assertThat(bulkhead.limit()).isEqualTo(CEILING - CEILING / 10);
    }

    @Test
    void timelyAcknowledgementsUnderLoadRaiseTheBoundBackButNeverPastTheCeiling() {
        for (int i = 0; i < 40; i++) {
            bulkhead.tryEnter();
            bulkhead.leave(ago(200));
        }
        assertThat(bulkhead.limit()).isEqualTo(FLOOR);
        // the bound in use, answers timely: it grows one per answer
        for (int round = 0; round < 200; round++) {
            int limit = bulkhead.limit();
            for (int i = 0; i < limit; i++) {
                bulkhead.tryEnter();
            }
            for (int i = 0; i < limit; i++) {
                bulkhead.leave(ago(2));
            }
        }
        assertThat(bulkhead.limit()).isEqualTo(CEILING);
        assertThat(bulkhead.inUse()).isZero();
    }

    @Test
    void timelyAnswersOfAnIdleNodeDoNotRaiseAnUnusedBound() {
        for (int i = 0; i < 40; i++) {
            bulkhead.tryEnter();
            bulkhead.leave(ago(200));
        }
        for (int i = 0; i < 100; i++) {
            bulkhead.tryEnter();
            bulkhead.leave(ago(2));      // one at a time: far below half the bound
        }
        assertThat(bulkhead.limit()).isEqualTo(FLOOR);
    }

    /** A place taken {@code millis} ago, answered now; the clock then moves on by that much. */
    private long ago(long millis) {
        long entered = clock.get() - TimeUnit.MILLISECONDS.toNanos(millis);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        return entered;
    }
}
