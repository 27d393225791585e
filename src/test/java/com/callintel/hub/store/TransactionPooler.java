package com.callintel.hub.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;

import org.awaitility.Awaitility;

/** Debian's PgBouncer in transaction mode in front of one PostgreSQL on loopback, as Neon's pooler host is. */
final class TransactionPooler implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    private final Process process;
    private final int port;
    private final Path dir;

    private TransactionPooler(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static TransactionPooler inFrontOf(int postgresPort) throws IOException {
        Path dir = Files.createTempDirectory("callintel-pgbouncer");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = freePort();
        Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"\"\n");
        Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "postgres = host=127.0.0.1 port=" + postgresPort + " dbname=postgres",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("userlist.txt"),
                "pool_mode = transaction",
                "default_pool_size = 4",
                "ignore_startup_parameters = extra_float_digits",
                ""));
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-q", dir.resolve("pgbouncer.ini").toString());
        if ("root".equals(System.getProperty("user.name"))) {
            builder.command().add(1, "-u");
            builder.command().add(2, "nobody"); // PgBouncer refuses to run as root
        }
        Process process = builder.redirectErrorStream(true).redirectOutput(dir.resolve("pgbouncer.log").toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
        return new TransactionPooler(process, port, dir);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?prepareThreshold=0";
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
