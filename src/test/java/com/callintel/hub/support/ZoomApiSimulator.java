package com.callintel.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback simulator of Zoom Phone's transcript download ({@code GET /v2/phone/recording_transcript/download/
 * {recordingId}}, the {@code transcript_download_url} of {@code phone.recording_transcript_completed}): an OAuth
 * access token as {@code Authorization: Bearer}, the transcript as Zoom's JSON ({@code type}, {@code ver},
 * {@code recording_id}, {@code timeline[] {text, ts, end_ts, users[] {username}}}). A missing or wrong token gets
 * 401 with Zoom's error body {@code {"code":124,"message":"Invalid access token."}}, an unknown recording 404
 * {@code {"code":3301,…}}; faults can be queued. It records every request.
 */
public final class ZoomApiSimulator implements AutoCloseable {

    /** A request as the simulator saw it. */
    public record Received(String method, String path, String authorization) {
    }

    /** An injected answer: status and {@code Retry-After} seconds (or null). */
    public record Fault(int status, Integer retryAfterSeconds) {
    }

    public static final String DOWNLOAD = "/v2/phone/recording_transcript/download/";
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
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(exchange.getRequestMethod(), path, authorization));
        if (authorization == null || !authorization.equals("Bearer " + validToken)) {
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
