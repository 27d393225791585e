package com.callintel.hub.processing;

import javax.sql.DataSource;

import com.callintel.hub.store.PostgresListener;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes processing the moment any hub node commits an event: LISTENs on the channel the inbound_event trigger
 * NOTIFYs, and drains the queue on each notification. If the listening connection breaks, it reconnects; the
 * scheduled poll covers the gap.
 */
@Component
class QueueWaker implements SmartLifecycle {

    static final String CHANNEL = "callintel_inbound_event";

    private final ProducerTemplate producer;
    private final ProcessingProperties properties;
    private final PostgresListener listener;

    QueueWaker(DataSource dataSource, ProducerTemplate producer, ProcessingProperties properties) {
        this.producer = producer;
        this.properties = properties;
        this.listener = new PostgresListener(dataSource, CHANNEL, notifications -> drain());
    }

    @Override
    public void start() {
        if (properties.enabled() && properties.listen()) {
            listener.start();
        }
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }

    @Override
    public int getPhase() {
        // after Camel has started its routes, before it stops them
        return Integer.MAX_VALUE - 100;
    }

    /** Claims batches until the queue has nothing ready. */
    private void drain() {
        boolean more = true;
        while (more && listener.isRunning()) {
            Exchange exchange = producer.send("direct:process-claim", e -> { });
            more = exchange.getException() == null
                    && exchange.getProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false, Boolean.class);
        }
    }
}
