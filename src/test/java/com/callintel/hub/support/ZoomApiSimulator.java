package com.callintel.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback simulator of Zoom Phone's transcript download ({@code GET /v2/phone/recording_transcript/download/
 * {recordingId}}, the {@code transcript_download_url} of {@code phone.recording_transcript_completed}): an OAuth
 * access token as {@code Authorization: Bearer}, the transcript as Zoom's JSON ({@code type}, {@code ver},
 * {@code recording_id}, {@code timeline[] {text, ts, end_ts, users[] {username}}}). A missing or wrong token gets
 * 401 with Zoom's error body {@code {"code":124,"message":"Invalid access token."}}, an unknown recording 404
 * {@code {"code":3301,…}}; faults can be queued. It records every request.
 * <p>
 * It is also Zoom's Server-to-Server OAuth token endpoint ({@code POST /oauth/token?grant_type=account_credentials
 * &account_id=…}, the app's client id and secret as Basic authorization): a registered app gets
 * {@code {"access_token","token_type":"bearer","expires_in","scope","api_url"}}; wrong credentials 400
 * {@code {"reason":"Invalid client_id or client_secret","error":"invalid_client"}}, an unknown account 400
 * {@code {"reason":"Invalid account_id","error":"invalid_request"}}. The download takes a token it issued until
 * that token expires (or is revoked), then answers Zoom's 401.
 */
public final class ZoomApiSimulator implements AutoCloseable {

    /** A request as the simulator saw it. */
    public record Received(String method, String path, String authorization) {
    }

    /** An injected answer: status and {@code Retry-After} seconds (or null). */
    public record Fault(int status, Integer retryAfterSeconds) {
    }

    /** A Server-to-Server OAuth app Zoom knows: the account it belongs to, its client id and secret. */
    public record App(String accountId, String clientId, String clientSecret) {
    }

    public static final String DOWNLOAD = "/v2/phone/recording_transcript/download/";
    public static final String TOKEN = "/oauth/token";
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicInteger tokenSerial = new AtomicInteger();
    private volatile int tokenLifetimeSeconds = 3600;
    private final HttpServer server;
    private final Map<String, String> transcripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final String validToken;

    public ZoomApiSimulator(String validToken) {
        this.validToken = validToken;
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

    /** The link Zoom would send for this recording, on this simulator. */
    public String downloadUrl(String recordingId) {
        return baseUrl() + DOWNLOAD + recordingId;
    }

    /** Serves {@code lines} ("Speaker: text" each) as the recording's transcript. */
    public void transcript(String recordingId, String... lines) {
        StringBuilder timeline = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String[] said = lines[i].split(": ", 2);
            timeline.append(i == 0 ? "" : ",").append("{\"text\":").append(quoted(said[1]))
                    .append(",\"raw_text\":").append(quoted(said[1]))
                    .append(",\"ts\":\"00:00:").append(String.format("%02d", i * 5)).append(".000\"")
                    .append(",\"end_ts\":\"00:00:").append(String.format("%02d", i * 5 + 4)).append(".000\"")
                    .append(",\"users\":[{\"username\":").append(quoted(said[0])).append(",\"multiple_people\":false}]}");
        }
        transcripts.put(recordingId, "{\"type\":\"zoom_transcript\",\"ver\":1,\"recording_id\":" + quoted(recordingId)
                + ",\"timeline\":[" + timeline + "]}");
    }

    /** Zoom knows this app from now on: its tokens are issued. */
    public void app(App app) {
        apps.put(app.clientId(), app);
    }

    /** The {@code expires_in} of the tokens issued from now on (Zoom's is 3600). */
    public void tokenLifetime(int seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Every token issued so far stops working at once, as if each had expired. */
    public void revokeTokens() {
        issued.clear();
    }

    /** The token requests received so far. */
    public long tokenRequests() {
        return received.stream().filter(r -> r.path().equals(TOKEN)).count();
    }

    /** The next answers are these, in order, before normal ones. */
    public void failNext(Fault... next) {
        faults.addAll(List.of(next));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
        faults.clear();
        apps.clear();
        issued.clear();
        tokenLifetimeSeconds = 3600;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(exchange.getRequestMethod(), path, authorization));
        if (path.equals(TOKEN)) {
            issueToken(exchange, authorization);
            return;
        }
        if (authorization == null || !accepted(authorization)) {
            answer(exchange, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}", null);
            return;
        }
        Fault fault = faults.poll();
        if (fault != null) {
            answer(exchange, fault.status(), "{\"code\":" + fault.status() + ",\"message\":\"Simulated failure.\"}",
                    fault.retryAfterSeconds());
            return;
        }
        String transcript = "GET".equals(exchange.getRequestMethod()) && path.startsWith(DOWNLOAD)
                ? transcripts.get(path.substring(DOWNLOAD.length())) : null;
        if (transcript == null) {
            answer(exchange, 404, "{\"code\":3301,\"message\":\"This recording does not exist.\"}", null);
        } else {
            answer(exchange, 200, transcript, null);
        }
    }

    private boolean accepted(String authorization) {
        if (authorization.equals("Bearer " + validToken)) {
            return true;
        }
        Instant expiry = authorization.startsWith("Bearer ") ? issued.get(authorization.substring(7)) : null;
        return expiry != null && Instant.now().isBefore(expiry);
    }

    private void issueToken(HttpExchange exchange, String authorization) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        App app = basicCredentials(authorization);
        if (!"POST".equals(exchange.getRequestMethod()) || app == null
                || !app.clientSecret().equals(apps.getOrDefault(app.clientId(), new App("", "", null)).clientSecret())) {
            answer(exchange, 400, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}", null);
        } else if (!"account_credentials".equals(query.get("grant_type"))) {
            answer(exchange, 400, "{\"reason\":\"Unsupported grant type\",\"error\":\"unsupported_grant_type\"}", null);
        } else if (!apps.get(app.clientId()).accountId().equals(query.get("account_id"))) {
            answer(exchange, 400, "{\"reason\":\"Invalid account_id\",\"error\":\"invalid_request\"}", null);
        } else {
            String token = "zoom-s2s-" + tokenSerial.incrementAndGet();
            int lifetime = tokenLifetimeSeconds;
            issued.put(token, Instant.now().plusSeconds(lifetime));
            answer(exchange, 200, "{\"access_token\":" + quoted(token) + ",\"token_type\":\"bearer\",\"expires_in\":"
                    + lifetime + ",\"scope\":\"phone:read:admin\",\"api_url\":\"https://api.zoom.us\"}", null);
        }
    }

    /** The client id and secret of a Basic authorization, or null. */
    private static App basicCredentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            return pair.length == 2 ? new App(null, pair[0], pair[1]) : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static void answer(HttpExchange exchange, int status, String json, Integer retryAfter) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter.toString());
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
