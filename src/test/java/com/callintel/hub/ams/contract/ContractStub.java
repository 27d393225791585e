package com.callintel.hub.ams.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that plays an AMS from recorded vendor-shaped exchanges, independent of the sandbox
 * simulators: each request is matched to its recording by method, path (and SOAPAction where recorded), compared
 * with the recorded request, and answered with the recorded response. A request that differs from its recording is
 * answered 400 and its differences are kept, so the test names them; a request with no recording is answered 404.
 */
public final class ContractStub implements AutoCloseable {

    private final HttpServer server;
    private final List<RecordedExchange> exchanges;
    private final List<String> differences = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> used = Collections.synchronizedSet(new LinkedHashSet<>());

    private ContractStub(List<RecordedExchange> exchanges) throws IOException {
        this.exchanges = List.copyOf(exchanges);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "contract-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the exchanges recorded under contracts/{@code ams}. */
    public static ContractStub playing(String ams) throws IOException {
        return new ContractStub(RecordedExchange.folder(ams));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How each request the connector sent differed from its recording (empty: every request kept the contract). */
    public List<String> differences() {
        synchronized (differences) {
            return List.copyOf(differences);
        }
    }

    /** The recordings no request has matched yet. */
    public List<String> unused() {
        return exchanges.stream().map(RecordedExchange::name).filter(name -> !used.contains(name)).toList();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getRawPath();
            String query = http.getRequestURI().getRawQuery();
            String soapAction = http.getRequestHeaders().getFirst("SOAPAction");
            RecordedExchange recorded = exchanges.stream()
                    .filter(e -> e.method().equals(method) && ContractComparison.text(e.path(), path))
                    .filter(e -> e.requestHeader("SOAPAction") == null || e.requestHeader("SOAPAction").equals(soapAction))
                    .findFirst().orElse(null);
            if (recorded == null) {
                differences.add(method + " " + path + (soapAction == null ? "" : " " + soapAction) + ": no recorded exchange");
                write(http, 404, "text/plain", "no recorded exchange");
                return;
            }
            List<String> found = new ArrayList<>();
            if (recorded.query() != null || query != null) {
                found.addAll(ContractComparison.parameters("query", recorded.query(), query));
            }
            recorded.requestHeaders().forEach((name, value) -> {
                String sent = http.getRequestHeaders().getFirst(name);
                if (!ContractComparison.text(value, sent)) {
                    found.add("header " + name + ": expected <" + value + "> but was <" + sent + ">");
                }
            });
            if (!recorded.requestBody().isEmpty() || !body.isBlank()) {
                String contentType = Objects.requireNonNullElse(recorded.requestHeader("Content-Type"),
                        String.valueOf(http.getRequestHeaders().getFirst("Content-Type")));
                found.addAll(ContractComparison.body(contentType, recorded.requestBody(), body));
            }
            used.add(recorded.name());
            if (!found.isEmpty()) {
                found.forEach(difference -> differences.add(recorded.name() + ": " + difference));
                write(http, 400, "text/plain", "the request differs from " + recorded.name());
                return;
            }
            recorded.responseHeaders().forEach((name, value) -> http.getResponseHeaders().set(name, value));
            byte[] bytes = recorded.responseBody().getBytes(StandardCharsets.UTF_8);
            http.sendResponseHeaders(recorded.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static void write(HttpExchange http, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", type);
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
