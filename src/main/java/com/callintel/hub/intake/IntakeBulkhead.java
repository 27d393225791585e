package com.callintel.hub.intake;

import java.util.concurrent.Semaphore;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * The bound on webhooks verified and stored at once on this node: one more is refused with 503 + Retry-After
 * before any signature or database work, so an overload is answered quickly instead of queueing behind itself.
 */
@Component
class IntakeBulkhead {

    private final Semaphore permits;
    private final int retryAfterSeconds;

    IntakeBulkhead(IntakeCapacityProperties capacity) {
        this.permits = new Semaphore(capacity.inFlight());
        this.retryAfterSeconds = capacity.busyRetryAfterSeconds();
    }

    /** Takes a place for the exchange until it completes, or refuses it at once when there is none. */
    void enter(Exchange exchange) {
        if (!permits.tryAcquire()) {
            throw new ProblemException(Problem.of(503, "intake-busy", "Too busy to accept webhooks now",
                    "The hub is at its intake capacity; retry after " + retryAfterSeconds + " s.")
                    .retryAfter(retryAfterSeconds));
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permits.release();
            }
        });
    }

    /** Places free now (for the metrics and tests). */
    int available() {
        return permits.availablePermits();
    }
}
