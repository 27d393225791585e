package com.callintel.hub.screenpop;

import java.util.UUID;

import com.callintel.hub.store.PostgresListener;
import com.callintel.hub.store.SessionConnections;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fan-out across hub nodes without a broker: the screen_pop insert trigger NOTIFYs "org:id" on one channel, every
 * node LISTENs and writes the pop to the agents connected to it. The node that made the pop hears its own
 * notification too, so there is one delivery path. Agents' reconnects replay what a broken listener missed.
 */
@Component
class ScreenPopFanOut implements SmartLifecycle {

    static final String CHANNEL = "callintel_screen_pop";
    private static final Logger log = LoggerFactory.getLogger(ScreenPopFanOut.class);

    private final ScreenPopRepository pops;
    private final ScreenPopSubscribers subscribers;
    private final ScreenPopProperties properties;
    private final PostgresListener listener;

    ScreenPopFanOut(SessionConnections sessions, ScreenPopRepository pops, ScreenPopSubscribers subscribers,
                    ScreenPopProperties properties) {
        this.pops = pops;
        this.subscribers = subscribers;
        this.properties = properties;
        this.listener = new PostgresListener(sessions, CHANNEL, this::announced);
    }

    @Override
    public void start() {
        if (properties.listen()) {
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

    private void announced(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            try {
                announced(notification.getParameter());
            } catch (RuntimeException e) {
                log.warn("Screen pop {} not delivered: {}", notification.getParameter(), e.getClass().getSimpleName());
            }
        }
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
}
