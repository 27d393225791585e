package com.callintel.hub.processing;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(QueueWaker.class);

    private final DataSource dataSource;
    private final ProducerTemplate producer;
    private final ProcessingProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    QueueWaker(DataSource dataSource, ProducerTemplate producer, ProcessingProperties properties) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.enabled() || !properties.listen() || !running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::listen, "callintel-queue-waker");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public int getPhase() {
        // after Camel has started its routes, before it stops them
        return Integer.MAX_VALUE - 100;
    }

    /** Claims batches until the queue has nothing ready. */
    private void drain() {
        boolean more = true;
        while (more && running.get()) {
            Exchange exchange = producer.send("direct:process-claim", e -> { });
            more = exchange.getException() == null
                    && exchange.getProperty(Exchange.SCHEDULER_POLLED_MESSAGES, false, Boolean.class);
        }
    }

    private void listen() {
        while (running.get()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        drain();
                    }
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                log.warn("Queue listener lost its connection ({}); polling covers until it reconnects", e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
