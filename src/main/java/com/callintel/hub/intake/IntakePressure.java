package com.callintel.hub.intake;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Whether acknowledgements are slowing down on this node: a moving average of how long each webhook took from its
 * admission to its complete answer, compared with the ack target. Work that can wait (processing the queue) asks
 * before each batch and yields the CPU while the webhooks need it: on a few cores, a batch run beside a burst of
 * webhooks is what pushed their acknowledgements past the providers' patience, while the queue only grows a little
 * (every event is stored before its 2xx; nothing is lost by processing it a moment later).
 */
@Component
public class IntakePressure {

    /** Weight of the newest answer in the average, as a shift: 1/16, so about the last few dozen answers count. */
    private static final int SMOOTHING_SHIFT = 4;

    /** An average older than this says nothing about now: no webhook has been answered since. */
    private static final long QUIET_NANOS = 200_000_000L;

    private final long targetNanos;
    private final AtomicLong averageNanos = new AtomicLong();
    private volatile long lastAnsweredNanos = System.nanoTime() - QUIET_NANOS;

    IntakePressure(IntakeCapacityProperties capacity) {
        this.targetNanos = capacity.ackTarget().toNanos();
    }

    /** True while recent acknowledgements take longer than the ack target (and webhooks are still arriving). */
    public boolean high() {
        return averageNanos.get() > targetNanos && System.nanoTime() - lastAnsweredNanos < QUIET_NANOS;
    }

    /** The moving average of recent acknowledgements, in milliseconds (for operators and tests). */
    public double averageMillis() {
        return averageNanos.get() / 1_000_000.0;
    }

    /** One webhook was answered after holding its place for {@code nanos}. */
    void answered(long nanos) {
        lastAnsweredNanos = System.nanoTime();
        averageNanos.accumulateAndGet(nanos, (average, latest) -> average + ((latest - average) >> SMOOTHING_SHIFT));
    }
}
