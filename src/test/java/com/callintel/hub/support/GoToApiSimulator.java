package com.callintel.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback simulator of GoTo Connect's Call Events Report API: {@code GET /call-events-report/v1/reports/{id}}
 * with a bearer token, serving the reports of shared/fixtures/voip/goto/*-report.json. It answers 401 for a
 * wrong token and 404 for an unknown report in GoTo's error shape, and records every request it received.
 */
public final class GoToApiSimulator implements AutoCloseable {

    /** A request as the simulator saw it. */
    public record Received(String method, String path, String authorization) {
    }

    private static final String PREFIX = "/call-events-report/v1/reports/";
    private final HttpServer server;
    private final Map<String, String> reports = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String validToken;

    public GoToApiSimulator(String validToken) {
        this.validToken = validToken;
        loadFixtureReports();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(exchange.getRequestMethod(), path, authorization));
        if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX)) {
            answer(exchange, 404, "{\"errorCode\":\"NOT_FOUND\",\"message\":\"No such resource\"}");
        } else if (authorization == null || !authorization.equals("Bearer " + validToken)) {
            answer(exchange, 401, "{\"errorCode\":\"AUTHN_INVALID_TOKEN\",\"message\":\"Invalid or expired token\"}");
        } else {
            String report = reports.get(path.substring(PREFIX.length()));
            if (report == null) {
                answer(exchange, 404, "{\"errorCode\":\"NOT_FOUND\",\"message\":\"Report not found\"}");
            } else {
                answer(exchange, 200, report);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void loadFixtureReports() {
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(Path.of("../shared/fixtures/voip/goto"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-report.json")).toList()) {
                JsonNode content = mapper.readTree(file.toFile()).path("content");
                reports.put(content.path("conversationSpaceId").asText(), content.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
