package com.callintel.hub.processing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.callintel.hub.intake.IntakePressure;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims and processes batches until the queue has nothing ready, one drain at a time on this node: the NOTIFY
 * wake-up and the fallback poll both ask for it, and whoever asks while a drain runs only tells it to look once
 * more. Processing thus takes at most one core for itself, and the acknowledgement of webhooks always has the
 * other: on two cores, two drains side by side left the ack path waiting seconds for CPU under load. Before each
 * batch the drain also waits while webhooks are acknowledged slower than their target ({@link IntakePressure}), up
 * to {@code yield-to-intake}: under a burst the queue grows a little instead of the acknowledgements slowing.
 */
@Component
class ProcessingDrain {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ProducerTemplate producer;
    private final IntakePressure webhooks;
    private final long longestYieldNanos;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean asked = new AtomicBoolean();

    ProcessingDrain(ProducerTemplate producer, IntakePressure webhooks, ProcessingProperties properties) {
        this.producer = producer;
        this.webhooks = webhooks;
        this.longestYieldNanos = properties.yieldToIntake().toNanos();
    }

    /** Drains the queue, or asks the drain already running to look again; returns at once in that case. */
    public void drain() {
        asked.set(true);
        while (asked.get() && draining.compareAndSet(false, true)) {
            try {
                asked.set(false);
                boolean more = true;
                while (more) {
                    yieldToWebhooks();
                    Exchange exchange = producer.send("direct:process-claim", e -> { });
                    more = exchange.getException() == null
                            && exchange.getProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false, Boolean.class);
                    more = more || (exchange.getException() == null && asked.getAndSet(false));
                }
            } finally {
                draining.set(false);
            }
            // a request that came after the last look but before the release is taken by the loop condition
        }
    }

    /** Waits while webhooks are acknowledged slowly, at most the longest yield; then the batch runs anyway. */
    private void yieldToWebhooks() {
        long until = System.nanoTime() + longestYieldNanos;
        while (webhooks.high() && System.nanoTime() < until) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
