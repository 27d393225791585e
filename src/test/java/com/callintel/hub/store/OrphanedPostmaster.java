package com.callintel.hub.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server still running on the data folder after its hub died ({@code kill -9} leaves the embedded
 * postmaster behind, and a new one cannot start on the same folder). Found through the folder's
 * {@code postmaster.pid} and checked in {@code /proc}; stopped with a fast shutdown, which rolls back whatever the
 * dead hub had not committed, exactly as a crash of both would. Call only while holding the {@link DataFolderLock}.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private final long pid;
    private final Path dataDir;

    private OrphanedPostmaster(long pid, Path dataDir) {
        this.pid = pid;
        this.dataDir = dataDir;
    }

    /**
     * The postmaster named by {@code dataDir/postmaster.pid}, if that process is alive and is a postgres server of
     * this very folder. A stale file (process gone, or the pid reused by something else) is left to PostgreSQL,
     * which replaces it on start.
     */
    static Optional<OrphanedPostmaster> find(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Path folder = dataDir.toRealPath();
        boolean sameFolder = Path.of(lines.get(1).strip()).toAbsolutePath().normalize().equals(folder)
                || realPath(Path.of(lines.get(1).strip())).map(folder::equals).orElse(false);
        if (!sameFolder || ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty() || !isPostgres(pid)) {
            return Optional.empty();
        }
        return Optional.of(new OrphanedPostmaster(pid, folder));
    }

    long pid() {
        return pid;
    }

    /**
     * Fast shutdown (SIGINT: active sessions rolled back, then a clean checkpoint); if it has not ended within
     * {@code wait}, SIGTERM's smart shutdown is useless too, so the server is killed and PostgreSQL's crash
     * recovery (from the fsync'd WAL) runs on the next start.
     */
    void stop(Duration wait) throws IOException {
        ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
        if (postmaster == null) {
            return;
        }
        log.warn("A PostgreSQL server (pid {}) was left running on {} by a hub that is gone; stopping it", pid, dataDir);
        signal("INT");
        if (!awaitExit(postmaster, wait)) {
            log.warn("PostgreSQL pid {} did not stop within {}; killing it (crash recovery runs on start)", pid, wait);
            postmaster.destroyForcibly();
            awaitExit(postmaster, wait);
        }
    }

    private void signal(String name) throws IOException {
        // the JDK can only send SIGTERM and SIGKILL; kill(1) sends the fast-shutdown signal
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + pid, e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) throws IOException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for PostgreSQL to stop", e);
        }
    }

    /** The process's program is a postgres server binary (guards against a pid reused by another program). */
    private static boolean isPostgres(long pid) throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (!Files.isReadable(cmdline)) {
            return false;
        }
        String program = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0", 2)[0];
        return Path.of(program.isEmpty() ? "-" : program).getFileName().toString().equals("postgres");
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
