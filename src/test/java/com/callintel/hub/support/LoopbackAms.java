package com.callintel.hub.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server on loopback that a test names as an organization's AMS base URL: it hands out OAuth tokens
 * (any path ending in "/token"), and answers every other request as the test tells it — an internal service's
 * refusal with a revealing body, or no answer at all (a hanging AMS). Stands for "whatever a tenant's URL reaches".
 */
public final class LoopbackAms implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 403;
    private volatile String body = "";
    private volatile boolean hang;

    private LoopbackAms() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "loopback-ams");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers every non-token request with {@code status} and {@code body}. */
    public static LoopbackAms answering(int status, String body) throws IOException {
        LoopbackAms ams = new LoopbackAms();
        ams.status = status;
        ams.body = body;
        return ams;
    }

    /** Never answers a non-token request until {@link #close()}: an AMS that hangs. */
    public static LoopbackAms hanging() throws IOException {
        LoopbackAms ams = new LoopbackAms();
        ams.hang = true;
        return ams;
    }

    /** A loopback base URL where nothing listens: connections are refused. */
    public static String refusingBaseUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Non-token requests received (answered or still hanging). */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/token")) {
                write(exchange, 200, "application/json", "{\"access_token\":\"loopback-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
                return;
            }
            requests.incrementAndGet();
            if (hang) {
                released.await(120, TimeUnit.SECONDS);
                write(exchange, 503, "text/plain", "released");
                return;
            }
            write(exchange, status, "text/html", body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
