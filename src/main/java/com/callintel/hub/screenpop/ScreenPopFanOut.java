package com.callintel.hub.screenpop;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fan-out across hub nodes without a broker: the screen_pop insert trigger NOTIFYs "org:id" on one channel, every
 * node LISTENs (pgjdbc, as QueueWaker does) and writes the pop to the agents connected to it. The node that
 * made the pop hears its own notification too, so there is one delivery path. If the listening connection breaks
 * it reconnects; agents' reconnects replay what they missed.
 */
@Component
class ScreenPopFanOut implements SmartLifecycle {

    static final String CHANNEL = "callintel_screen_pop";
    private static final Logger log = LoggerFactory.getLogger(ScreenPopFanOut.class);

    private final DataSource dataSource;
    private final ScreenPopRepository pops;
    private final ScreenPopSubscribers subscribers;
    private final ScreenPopProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    ScreenPopFanOut(DataSource dataSource, ScreenPopRepository pops, ScreenPopSubscribers subscribers,
                    ScreenPopProperties properties) {
        this.dataSource = dataSource;
        this.pops = pops;
        this.subscribers = subscribers;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.listen() || !running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::listen, "callintel-screen-pop-fan-out");
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

    /** Announced pop "org:id": read and written to this node's streams, if any of the organization is open. */
    void announced(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        UUID orgId = UUID.fromString(payload.substring(0, colon));
        if (!subscribers.listening(orgId)) {
            return;
        }
        pops.find(orgId, Long.parseLong(payload.substring(colon + 1))).ifPresent(subscribers::deliver);
    }

    private void listen() {
        while (running.get()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        try {
                            announced(notification.getParameter());
                        } catch (RuntimeException e) {
                            log.warn("Screen pop {} not delivered: {}", notification.getParameter(), e.getClass().getSimpleName());
                        }
                    }
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                log.warn("Screen pop listener lost its connection ({}); reconnecting", e.getClass().getSimpleName());
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
