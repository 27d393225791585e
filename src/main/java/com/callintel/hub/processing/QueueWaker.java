package com.callintel.hub.processing;

import com.callintel.hub.store.PostgresListener;
import com.callintel.hub.store.SessionConnections;
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

    private final ProcessingDrain drain;
    private final ProcessingProperties properties;
    private final PostgresListener listener;

    QueueWaker(SessionConnections sessions, ProcessingDrain drain, ProcessingProperties properties) {
        this.drain = drain;
        this.properties = properties;
        this.listener = new PostgresListener(sessions, CHANNEL, notifications -> drain());
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

    /** Drains the queue (or asks the drain already running to look again). */
    private void drain() {
        if (listener.isRunning()) {
            drain.drain();
        }
    }
}
