package com.callintel.hub.intake;

import java.util.concurrent.atomic.AtomicInteger;
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
 * instead of queueing behind itself (the route itself runs on an executor whose queue has no bound). Each answer's
 * time also feeds {@link IntakePressure}, which work that can wait asks before it takes the CPU.
 * <p>
 * The bound is fixed. An adaptive one (cut by a tenth after a slow answer, raised by one after a timely one) was
 * measured and removed: it refused webhooks the node could still carry (bench/README.md, fifth slice).
 */
@Component
class IntakeBulkhead {

    private final AtomicInteger inUse = new AtomicInteger();
    private final int bound;
    private final LongSupplier clock;
    private final int retryAfterSeconds;
    private final IntakePressure pressure;

    @Autowired
    IntakeBulkhead(IntakeCapacityProperties capacity, IntakePressure pressure) {
        this(capacity, pressure, System::nanoTime);
    }

    IntakeBulkhead(IntakeCapacityProperties capacity, IntakePressure pressure, LongSupplier clock) {
        this.clock = clock;
        this.bound = capacity.inFlight();
        this.retryAfterSeconds = capacity.busyRetryAfterSeconds();
        this.pressure = pressure;
    }

    /** What operators watch under load: webhooks in progress and the acknowledgements' moving average. */
    @Autowired
    void measuredBy(MeterRegistry registry) {
        Gauge.builder("callintel.intake.in-flight", inUse, AtomicInteger::get)
                .description("Webhooks admitted and not yet answered on this node").register(registry);
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
            if (taken >= bound) {
                return false;
            }
        } while (!inUse.compareAndSet(taken, taken + 1));
        return true;
    }

    /** Gives the place taken at {@code enteredNanos} back, and tells the pressure how long the answer took. */
    void leave(long enteredNanos) {
        inUse.decrementAndGet();
        pressure.answered(clock.getAsLong() - enteredNanos);
    }

    /** Webhooks in progress now (for metrics and tests). */
    int inUse() {
        return inUse.get();
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
