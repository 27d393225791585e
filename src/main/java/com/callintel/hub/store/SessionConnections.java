package com.callintel.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Connections that keep one PostgreSQL session for as long as they are open, for what a transaction pooler
 * (PgBouncer in transaction mode, Neon's {@code -pooler} host) cannot carry: LISTEN. They come from the direct URL
 * ({@value #DIRECT_URL_SETTING}) when one is configured, otherwise from the hub's one pool (a direct database, or the
 * embedded one). At start-up a LISTEN/NOTIFY round trip proves they are sessions: a pooler hands a connection's next
 * transaction to another server session and drops the notification, so the hub refuses to start rather than
 * silently waiting for polls.
 */
@Component
public class SessionConnections {

    static final String DIRECT_URL_SETTING = "callintel.db.direct-url";
    static final String DIRECT_URL_ENV = "CALLINTEL_DB_DIRECT_URL";
    private static final String PROBE_CHANNEL = "callintel_session_probe";

    private final DataSource source;
    private final String sourceSetting;

    SessionConnections(DataSource pooled,
                       @Value("${" + DIRECT_URL_SETTING + ":}") String directUrl,
                       @Value("${spring.datasource.username:}") String user,
                       @Value("${spring.datasource.password:}") String password,
                       @Value("${callintel.db.session-check-wait:5s}") Duration checkWait) {
        if (directUrl.isBlank()) {
            this.source = pooled;
            this.sourceSetting = "spring.datasource.url (CALLINTEL_DB_URL)";
        } else {
            this.source = direct(directUrl, user, password);
            this.sourceSetting = DIRECT_URL_SETTING + " (" + DIRECT_URL_ENV + ")";
        }
        requireSessions(checkWait);
    }

    /** A connection of its own session; the caller closes it. */
    public Connection open() throws SQLException {
        return source.getConnection();
    }

    private static DataSource direct(String url, String user, String password) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setUrl(url);
        if (!user.isBlank()) {
            direct.setUser(user);
        }
        if (!password.isBlank()) {
            direct.setPassword(password);
        }
        return direct;
    }

    private void requireSessions(Duration wait) {
        try (Connection listening = open(); Connection notifying = open()) {
            String token = Long.toHexString(System.nanoTime());
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + PROBE_CHANNEL);
            }
            try (var notify = notifying.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, PROBE_CHANNEL);
                notify.setString(2, token);
                notify.execute();
            }
            if (!heard(listening, token, wait)) {
                throw new IllegalStateException(refusal());
            }
            try (Statement unlisten = listening.createStatement()) {
                unlisten.execute("UNLISTEN " + PROBE_CHANNEL);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the session connections on " + sourceSetting + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean heard(Connection listening, String token, Duration wait) throws SQLException {
        PGConnection pg = listening.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            int remainingMs = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            PGNotification[] notifications = pg.getNotifications(remainingMs);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    if (token.equals(notification.getParameter())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String refusal() {
        return "LISTEN/NOTIFY does not work through " + sourceSetting
                + ": it looks like a transaction pooler (PgBouncer in transaction mode, Neon's -pooler host). "
                + "The queue waker, screen-pop fan-out and endpoint-key cache need a session: set "
                + DIRECT_URL_SETTING + " (" + DIRECT_URL_ENV + ") to the database's direct address "
                + "(see docs/operations.md, \"Two connection kinds\").";
    }
}
