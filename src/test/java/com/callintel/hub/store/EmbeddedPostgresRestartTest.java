package com.callintel.hub.store;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The default run's embedded PostgreSQL outlives a {@code kill -9} of its hub: the next hub must stop that
 * left-behind server and start first time, with the data there; a hub still alive keeps its server.
 */
class EmbeddedPostgresRestartTest {

    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    // short, so a start that waits on a folder another server holds fails here rather than after a minute
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private Process child;

    @AfterEach
    void leaveNoServerBehind() throws IOException {
        if (child != null) {
            child.destroyForcibly();
        }
        Path dataDir = temp.resolve("pgdata");
        if (Files.isDirectory(dataDir)) {
            Optional<OrphanedPostmaster> left = OrphanedPostmaster.find(dataDir);
            if (left.isPresent()) {
                left.get().stop(ORPHAN_STOP_WAIT);
            }
        }
    }

    @Test
    void hubStartsFirstTimeAfterItsPredecessorWasKilledWithItsDataIntact() throws Exception {
        Path dataDir = temp.resolve("pgdata");
        child = startChild(dataDir);
        awaitReady(child);
        long leftBehind = postmasterPid(dataDir);

        child.destroyForcibly();   // SIGKILL: no shutdown hook runs, as with kill -9
        child.waitFor();
        assertThat(ProcessHandle.of(leftBehind).map(ProcessHandle::isAlive)).as("server outlives its hub").hasValue(true);

        EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();
        long started = System.nanoTime();
        try (DataFolderLock lock = configuration.embeddedDataFolderLock(dataDir, false);
             EmbeddedPostgres postgres = configuration.embeddedPostgres(lock, dataDir, 0, false, ORPHAN_STOP_WAIT,
                     START_WAIT)) {
            System.out.printf("restart after kill -9: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(markerWriters(postgres)).containsExactly(child.pid());
            assertThat(ProcessHandle.of(leftBehind).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(postmasterPid(dataDir)).isNotEqualTo(leftBehind);
        }
    }

    @Test
    void secondHubOnALiveHubsFolderIsRefusedAndTheFirstKeepsItsServer() throws Exception {
        Path dataDir = temp.resolve("pgdata");
        child = startChild(dataDir);
        int port = awaitReady(child);
        long running = postmasterPid(dataDir);

        assertThatThrownBy(() -> new EmbeddedPostgresConfiguration().embeddedDataFolderLock(dataDir, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another running hub (pid " + child.pid() + ")");

        assertThat(ProcessHandle.of(running).map(ProcessHandle::isAlive)).hasValue(true);
        try (Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select count(*) from marker")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static List<Long> markerWriters(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select written_by from marker")) {
            List<Long> writers = new java.util.ArrayList<>();
            while (rs.next()) {
                writers.add(rs.getLong(1));
            }
            return writers;
        }
    }

    private Process startChild(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-cp", classpath, EmbeddedPostgresChild.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
    }

    private int awaitReady(Process process) {
        File log = temp.resolve("child.log").toFile();
        String ready = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("child died: " + Files.readString(log.toPath()));
                    }
                    return Files.readAllLines(log.toPath(), StandardCharsets.UTF_8).stream()
                            .filter(l -> l.startsWith("READY ")).findFirst().orElse(null);
                }, line -> line != null);
        return Integer.parseInt(ready.substring("READY ".length()).strip());
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }
}
