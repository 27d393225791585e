package com.callintel.hub.intake;

import java.util.concurrent.Semaphore;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

import com.callintel.hub.problem.Problem;
import org.springframework.stereotype.Component;

/**
 * The bound on webhooks in progress on this node, from the moment their endpoint is known until their answer is
 * complete: one more is refused with 503 + Retry-After before its body is read, so an overload is answered at once
 * instead of queueing behind itself (the route itself runs on an executor whose queue has no bound).
 */
@Component
class IntakeBulkhead {

    private final Semaphore places;
    private final int retryAfterSeconds;
    private final IntakePressure pressure;

    IntakeBulkhead(IntakeCapacityProperties capacity, IntakePressure pressure) {
        this.places = new Semaphore(capacity.inFlight());
        this.retryAfterSeconds = capacity.busyRetryAfterSeconds();
        this.pressure = pressure;
    }

    /** Takes a place, or returns false (nothing taken) when there is none. */
    boolean tryEnter() {
        return places.tryAcquire();
    }

    /** Gives the place taken at {@code enteredNanos} back, and tells the pressure gauge how long it was held. */
    void leave(long enteredNanos) {
        places.release();
        pressure.answered(System.nanoTime() - enteredNanos);
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
