package com.callintel.hub.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.callintel.hub.sandbox.SandboxHubApplication;

/**
 * The hub with its sandbox ({@link SandboxHubApplication}: the production jar holds no embedded PostgreSQL) run as a
 * separate OS process from the project folder, on the classpath the build wrote to target/sandbox.classpath: started, waited for until its health check answers, killed with SIGKILL
 * ({@code kill -9}: no shutdown hook, no graceful stop) and started again on the same ports and data.
 */
final class HubProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("callintel.faults.start-limit-seconds", 240));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final List<String> arguments;
    private Process process;
    private Duration lastStart;
    private int starts;

    /** A hub named {@code name} (its log file), on fresh free ports, with {@code arguments} ("name=value"). */
    HubProcess(String name, Path logDir, List<String> arguments) {
        this.name = name;
        this.log = logDir.resolve(name + ".log");
        this.port = freePort();
        this.managementPort = freePort();
        this.arguments = List.copyOf(arguments);
    }

    /** Starts the hub and waits until its health check answers 200; throws with the log's tail if it dies first. */
    HubProcess start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: two of them share two cores with the test, PostgreSQL and the load
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath(), SandboxHubApplication.class.getName(),
                "--server.port=" + port, "--management.server.port=" + managementPort));
        arguments.forEach(a -> command.add("--" + a));
        long began = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start " + (++starts) + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox hub", e);
        }
        long deadline = began + START_LIMIT.toNanos();
        while (!healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " died at start-up:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy after " + START_LIMIT + ":\n" + tail());
            }
            pause(500);
        }
        lastStart = Duration.ofNanos(System.nanoTime() - began);
        return this;
    }

    /** {@code kill -9}: the JVM dies at once; its embedded PostgreSQL, if any, is left running. */
    void kill() {
        process.destroyForcibly();
        waitFor(process);
    }

    /** A graceful stop (SIGTERM), killed if it takes longer than a minute. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** How long the last start took, from {@code java} to a healthy hub. */
    Duration lastStart() {
        return lastStart;
    }

    String name() {
        return name;
    }

    /** The end of the hub's log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The compiled hub and sandbox, then their dependencies as the build listed them. */
    static String classpath() {
        Path dependencies = Path.of(System.getProperty("callintel.sandbox.classpath", "target/sandbox.classpath"));
        if (!Files.isRegularFile(dependencies)) {
            throw new IllegalStateException("no " + dependencies.toAbsolutePath() + ": run ./mvnw -DskipTests package first");
        }
        try {
            return String.join(java.io.File.pathSeparator, "target/test-classes", "target/classes",
                    Files.readString(dependencies).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
