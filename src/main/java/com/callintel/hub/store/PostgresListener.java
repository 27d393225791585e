package com.callintel.hub.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel on a thread of its own (pgjdbc, one session connection held, see
 * {@link SessionConnections}) and hands each
 * batch of notifications to a handler. If the connection breaks, it reconnects after a pause; callers cover the
 * gap their own way (a poll, a client's replay). Notifications arrive from every hub node on the database.
 */
public final class PostgresListener {

    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);

    private final SessionConnections sessions;
    private final String channel;
    private final Consumer<PGNotification[]> handler;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /** {@code channel} must be a plain identifier (it is written into the LISTEN statement). */
    public PostgresListener(SessionConnections sessions, String channel, Consumer<PGNotification[]> handler) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.sessions = sessions;
        this.channel = channel;
        this.handler = handler;
    }

    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::listen, "callintel-listen-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    private void listen() {
        while (running.get()) {
            try (Connection connection = sessions.open(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        handler.accept(notifications);
                    }
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                log.warn("Listener on {} lost its connection ({}); reconnecting", channel, e.getMessage());
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
