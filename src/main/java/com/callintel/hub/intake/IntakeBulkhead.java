package com.callintel.hub.intake;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

import com.callintel.hub.problem.Problem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The bound on webhooks in progress on this node, from the moment their endpoint is known until their answer is
 * complete: one more is refused with 503 + Retry-After before its body is read, so an overload is answered at once
 * instead of queueing behind itself (the route itself runs on an executor whose queue has no bound).
 * <p>
 * The bound adapts (additive increase, multiplicative decrease, as TCP does): an answer that took longer than
 * {@code shed-above} cuts it by a tenth (once per {@code shed-above} at most), down to {@code in-flight-floor}; a timely answer while it is being used
 * raises it by one, up to {@code in-flight}. When the cores are saturated the webhooks past what they can
 * acknowledge in time are refused at once, cheaply, instead of all of them being answered late.
 */
@Component
class IntakeBulkhead {

    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger limit;
    private final int ceiling;
    private final int floor;
    private final AtomicLong lastCut;
    private final LongSupplier clock;
    private final long shedAboveNanos;
    private final int retryAfterSeconds;
    private final IntakePressure pressure;

    @Autowired
    IntakeBulkhead(IntakeCapacityProperties capacity, IntakePressure pressure) {
        this(capacity, pressure, System::nanoTime);
    }

    IntakeBulkhead(IntakeCapacityProperties capacity, IntakePressure pressure, LongSupplier clock) {
        this.clock = clock;
        this.ceiling = capacity.inFlight();
        this.floor = Math.max(1, Math.min(capacity.inFlightFloor(), ceiling));
        this.limit = new AtomicInteger(ceiling);
        this.shedAboveNanos = capacity.shedAbove().toNanos();
        this.lastCut = new AtomicLong(clock.getAsLong() - shedAboveNanos);   // the first slow answer may cut at once
        this.retryAfterSeconds = capacity.busyRetryAfterSeconds();
        this.pressure = pressure;
    }

    /** What operators watch under load: webhooks in progress, the bound now, the acknowledgements' moving average. */
    @Autowired
    void measuredBy(MeterRegistry registry) {
        Gauge.builder("callintel.intake.in-flight", inUse, AtomicInteger::get)
                .description("Webhooks admitted and not yet answered on this node").register(registry);
        Gauge.builder("callintel.intake.bound", limit, AtomicInteger::get)
                .description("Webhooks this node admits at once now (adapts between in-flight-floor and in-flight)")
                .register(registry);
        Gauge.builder("callintel.intake.ack.average", pressure, IntakePressure::averageMillis).baseUnit("milliseconds")
                .description("Moving average of the time from admission to complete answer").register(registry);
    }

    /** Now, in the bulkhead's clock (nanoseconds): when a place is taken, for {@link #leave}. */
    long now() {
        return clock.getAsLong();
    }

    /** Takes a place, or returns false (nothing taken) when there is none. */
    boolean tryEnter() {
        int taken;
        do {
            taken = inUse.get();
            if (taken >= limit.get()) {
                return false;
            }
        } while (!inUse.compareAndSet(taken, taken + 1));
        return true;
    }

    /** Gives the place taken at {@code enteredNanos} back, and tells the bound and the pressure how long it took. */
    void leave(long enteredNanos) {
        long took = clock.getAsLong() - enteredNanos;
        int stillInUse = inUse.decrementAndGet();
        if (took > shedAboveNanos) {
            long now = clock.getAsLong();
            long last = lastCut.get();
            // one cut per shed-above at most, as TCP cuts once per round trip: the answers of one slow moment
            // would otherwise each cut it, and the bound would fall far below what the node can carry
            if (now - last >= shedAboveNanos && lastCut.compareAndSet(last, now)) {
                limit.updateAndGet(current -> Math.max(floor, current - Math.max(1, current / 10)));
            }
        } else if (stillInUse * 2 >= limit.get()) {
            limit.updateAndGet(current -> Math.min(ceiling, current + 1));
        }
        pressure.answered(took);
    }

    /** Webhooks in progress now, and the bound they are held to now (for metrics and tests). */
    int inUse() {
        return inUse.get();
    }

    int limit() {
        return limit.get();
    }

    /** Gives the place back when an asynchronous answer is complete, however it ends. */
    AsyncListener leaveWhenAnswered(long enteredNanos) {
        return new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                leave(enteredNanos);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                // onComplete follows
            }

            @Override
            public void onError(AsyncEvent event) {
                // onComplete follows
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                event.getAsyncContext().addListener(this);
            }
        };
    }

    /** The refusal of a webhook that found no place. */
    Problem busy() {
        return Problem.of(503, "intake-busy", "Too busy to accept webhooks now",
                "The hub is at its intake capacity; retry after " + retryAfterSeconds + " s.").retryAfter(retryAfterSeconds);
    }
}
