package com.callintel.hub.processing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.callintel.hub.intake.IntakePressure;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The drain asks the intake's pressure before each batch: it waits while webhooks need the CPU, but not forever. */
class ProcessingDrainYieldTest {

    private static final Duration LONGEST_YIELD = Duration.ofMillis(300);

    private final ProducerTemplate producer = mock(ProducerTemplate.class);
    private final IntakePressure webhooks = mock(IntakePressure.class);
    private final List<Long> batchesAt = new ArrayList<>();
    private final ProcessingDrain drain = new ProcessingDrain(producer, webhooks,
            new ProcessingProperties(true, 100, Duration.ofSeconds(60), 5, Duration.ofSeconds(30),
                    Duration.ofSeconds(1), true, LONGEST_YIELD));

    ProcessingDrainYieldTest() {
        DefaultCamelContext camel = new DefaultCamelContext();
        when(producer.send(eq("direct:process-claim"), any(Processor.class))).thenAnswer(call -> {
            batchesAt.add(System.nanoTime());
            Exchange exchange = new DefaultExchange(camel);
            exchange.setProperty(Exchange.SCHEDULER_POLLED_MESSAGES, batchesAt.size() < 3);   // three batches, then empty
            return exchange;
        });
    }

    @Test
    void withoutPressureEveryBatchRunsAtOnce() {
        when(webhooks.high()).thenReturn(false);
        long start = System.nanoTime();
        drain.drain();
        assertThat(batchesAt).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONGEST_YIELD);
    }

    @Test
    void underPressureEachBatchWaitsTheLongestYieldAndThenRunsAnyway() {
        when(webhooks.high()).thenReturn(true);
        long start = System.nanoTime();
        drain.drain();
        assertThat(batchesAt).hasSize(3);
        assertThat(Duration.ofNanos(batchesAt.get(0) - start)).isGreaterThanOrEqualTo(LONGEST_YIELD);
        assertThat(Duration.ofNanos(batchesAt.get(2) - batchesAt.get(1))).isGreaterThanOrEqualTo(LONGEST_YIELD);
    }

    @Test
    void aBatchRunsAsSoonAsThePressureDrops() {
        when(webhooks.high()).thenReturn(true, true, false);
        drain.drain();
        assertThat(batchesAt).hasSize(3);
        // the first batch waited two short pauses, the later ones none
        assertThat(Duration.ofNanos(batchesAt.get(2) - batchesAt.get(0))).isLessThan(LONGEST_YIELD);
    }
}
