package com.callintel.hub.intake;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs each webhook's insert on the ack path's few store threads and waits for it at most the store timeout:
 * a slow or hung database costs a request thread that long and no longer, and when every store thread and
 * waiting place is taken the webhook is refused at once. Either way the answer is 503 + Retry-After; an insert
 * that still commits after its 503 only makes the provider's retry an acknowledged duplicate.
 */
@Component
class StoreBudget implements DisposableBean {

    private final ThreadPoolExecutor executor;
    private final long timeoutNanos;
    private final int retryAfterSeconds;

    StoreBudget(IntakeCapacityProperties capacity, IntakeProperties intake) {
        int threads = capacity.storeConnections();
        BlockingQueue<Runnable> waiting = capacity.storeWaiting() > 0
                ? new ArrayBlockingQueue<>(capacity.storeWaiting()) : new SynchronousQueue<>();
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, work -> {
            Thread thread = new Thread(work, "intake-store-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.timeoutNanos = capacity.storeTimeout().toNanos();
        this.retryAfterSeconds = intake.unavailableRetryAfterSeconds();
    }

    /** The store's answer, or a 503 problem when it is not there within the timeout or cannot even be queued. */
    <T> T call(Callable<T> store) {
        Future<T> answer;
        try {
            answer = executor.submit(store);
        } catch (RejectedExecutionException full) {
            throw unavailable("The hub's store is saturated; retry later.");
        }
        try {
            return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // not interrupted: a JDBC call stopped halfway helps nobody; one still waiting in line never runs
            answer.cancel(false);
            throw unavailable("The hub's store did not answer in time; retry later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(false);
            throw unavailable("The hub is shutting down; retry later.");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    private ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "store-unavailable", "Temporarily unable to accept webhooks", detail)
                .retryAfter(retryAfterSeconds));
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
