package com.callintel.hub.sandbox.ams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Common machinery of the sandbox AMS simulators: real HTTP on 127.0.0.1 (a fixed port, or any free one for 0),
 * recording of every request and of every activity/note created, the {@link FaultPlan}, expiring every token
 * now, and going down (connection refused) and up again on the same port. Bounded: request bodies, worker
 * threads, recordings and live tokens all have caps.
 */
public abstract class AmsSimulator implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle on, a delayed ACK adds ~40 ms per call.
        // Read once when the JDK server first loads, so set it before any simulator binds.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_RECORDED = 2_000;
    private static final int WORKERS = 8;

    private final String name;
    private final int requestedPort;
    private final AmsSandboxData data;
    private final Clock clock;
    private final TokenStore tokens;
    private final FaultPlan faults = new FaultPlan();
    private final Deque<ReceivedRequest> received = new ArrayDeque<>();
    private final Deque<CreatedRecord> created = new ArrayDeque<>();
    private final AtomicLong createdCount = new AtomicLong();
    private HttpServer server;
    private ThreadPoolExecutor workers;
    private volatile int port;

    AmsSimulator(String name, int port, AmsSandboxData data, Duration tokenLifetime, Clock clock) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        this.name = name;
        this.requestedPort = port;
        this.data = data;
        this.clock = clock;
        this.tokens = new TokenStore(tokenLifetime, clock);
    }

    /** The vendor's answer to a request that passed the fault plan. */
    abstract SimulatorResponse respond(IncomingRequest request);

    /** An injected 5xx or 429 in the vendor's own error shape. */
    abstract SimulatorResponse injectedFault(FaultPlan.InjectedFault fault, IncomingRequest request);

    /** The body as recorded: the vendor's secrets masked. */
    abstract String maskSecrets(String body);

    /** Starts listening on 127.0.0.1; the port chosen at the first start is kept for later restarts. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException(name + " simulator is already listening");
        }
        bind(port != 0 ? port : requestedPort);
    }

    /** Stops listening: calls now get "connection refused" until {@link #comeUp()}. */
    public synchronized void goDown() {
        if (server != null) {
            server.stop(0);
            workers.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port after {@link #goDown()}. */
    public synchronized void comeUp() {
        if (server == null) {
            bind(port);
        }
    }

    public synchronized boolean isUp() {
        return server != null;
    }

    @Override
    public void close() {
        goDown();
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException(name + " simulator has not been started");
        }
        return port;
    }

    /** "http://127.0.0.1:&lt;port&gt;", the root every vendor path hangs under. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Makes every token or ticket issued so far invalid, as if they all expired now. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    public AmsSandboxData data() {
        return data;
    }

    public List<ReceivedRequest> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<CreatedRecord> created() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    /** Forgets recorded requests and created records; clients, tokens and faults stay. */
    public void clearRecords() {
        synchronized (received) {
            received.clear();
        }
        synchronized (created) {
            created.clear();
        }
    }

    Clock clock() {
        return clock;
    }

    TokenStore tokens() {
        return tokens;
    }

    void recordCreated(CreatedRecord record) {
        createdCount.incrementAndGet();
        remember(created, record);
    }

    Optional<CreatedRecord> findCreated(CreatedRecord.Kind kind, String id) {
        synchronized (created) {
            return created.stream().filter(r -> r.kind() == kind && r.id().equals(id)).findFirst();
        }
    }

    private void bind(int onPort) {
        try {
            HttpServer bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
            AtomicInteger threads = new AtomicInteger();
            workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                    task -> {
                        Thread t = new Thread(task, "ams-sim-" + name + "-" + threads.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            bound.setExecutor(workers);
            bound.createContext("/", this::handle);
            port = bound.getAddress().getPort();
            server = bound;
            bound.start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " simulator cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            answer(exchange);
        } catch (RuntimeException e) {
            // a simulator bug must still answer, or the hub would see a dropped connection it did not cause
            try {
                write(exchange, SimulatorResponse.text(500, "sandbox simulator error: " + e));
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent
            }
        }
    }

    private void answer(HttpExchange exchange) {
        try {
            byte[] bytes = readAtMost(exchange.getRequestBody());
            if (bytes == null) {
                write(exchange, SimulatorResponse.text(413, "Request Entity Too Large"));
                return;
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            remember(received, new ReceivedRequest(clock.instant(), exchange.getRequestMethod(), path, query,
                    SecretMasking.maskHeaders(headers), maskSecrets(body)));
            IncomingRequest request = new IncomingRequest("http://127.0.0.1:" + port, exchange.getRequestMethod(),
                    path, query, headers, body);
            Thread.sleep(faults.latency().toMillis());
            Optional<FaultPlan.InjectedFault> fault = faults.nextFault();
            long createdBefore = createdCount.get();
            SimulatorResponse response = fault.isPresent() ? injectedFault(fault.get(), request) : respond(request);
            if (fault.isEmpty() && createdCount.get() > createdBefore && faults.loseThisAnswer()) {
                response = injectedFault(new FaultPlan.InjectedFault(504, null), request);   // written, answer lost
            }
            write(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the caller hung up or the simulator went down mid-answer: nothing left to tell anyone
        }
    }

    private static byte[] readAtMost(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static void write(HttpExchange exchange, SimulatorResponse response) throws IOException {
        byte[] body = response.bytes();
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static <T> void remember(Deque<T> records, T record) {
        synchronized (records) {
            if (records.size() >= MAX_RECORDED) {
                records.removeFirst();
            }
            records.addLast(record);
        }
    }
}
