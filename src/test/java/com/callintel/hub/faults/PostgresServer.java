package com.callintel.hub.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server the fault suite owns, a separate OS process as an external database is (zonky's binaries,
 * on a data folder and port that stay the same across restarts): started, killed with SIGKILL (the postmaster
 * and every backend at once, as a crash of the database host's PostgreSQL), started again on the same data.
 * Commits are fsync'd, but {@code synchronous_commit} is off by default, as on a database tuned for speed: the
 * hub must ask for the commits that have to wait for the disk itself.
 */
final class PostgresServer implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    PostgresServer(Path dataDir) {
        this.dataDir = dataDir;
        this.port = HubProcess.freePort();
    }

    PostgresServer start() {
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL on " + dataDir, e);
        }
    }

    /** SIGKILL to the postmaster and all its processes: no checkpoint, no flush of what was not yet written. */
    void kill() {
        long pid = postmasterPid().orElseThrow(() -> new IllegalStateException("no PostgreSQL running on " + dataDir));
        killTree(pid);
        forget();
    }

    /** Kills whatever server still runs on {@code dataDir} (after a failed test), if any. */
    static void killLeftOver(Path dataDir) {
        pidIn(dataDir).ifPresent(PostgresServer::killTree);
    }

    private static void killTree(long pid) {
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
            all.add(0, postmaster);
            all.forEach(ProcessHandle::destroyForcibly);
            all.forEach(p -> {
                try {
                    p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("PostgreSQL process " + p.pid() + " did not die", e);
                }
            });
        });
    }

    /** Lets go of a server that was killed (zonky's lock on the folder), so the folder can be started again. */
    private void forget() {
        if (server != null) {
            try {
                server.close();   // its "pg_ctl stop" finds no server and says so; the folder lock is released
            } catch (IOException | RuntimeException ignored) {
                // nothing was running to stop
            }
            server = null;
        }
    }

    Optional<Long> postmasterPid() {
        return pidIn(dataDir);
    }

    private static Optional<Long> pidIn(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** Hub arguments that make it use this server as its external database. */
    List<String> hubArguments() {
        return List.of("spring.datasource.url=" + jdbcUrl(), "spring.datasource.username=postgres",
                "spring.datasource.password=",
                // the test's own database, on loopback: the development issuer may sign the test's admin in
                "callintel.access.dev-issuer.allow-external-database=true");
    }

    @Override
    public void close() {
        forget();
        killLeftOver(dataDir);
    }
}
