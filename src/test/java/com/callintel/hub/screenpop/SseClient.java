package com.callintel.hub.screenpop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A Server-Sent Events client for the tests: reads a hub's screen-pop stream into a queue of pop events. */
final class SseClient implements AutoCloseable {

    /** One "pop" event: its id and JSON data. */
    record Event(long id, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    private SseClient(URI uri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            status = r.statusCode();
            Thread reader = new Thread(() -> read(r.body()), "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    /** Opens {@code baseUrl}/api/screen-pops/stream with {@code ticket}, waiting until the hub answered. */
    static SseClient open(String baseUrl, String ticket, String lastEventId) throws Exception {
        SseClient client = new SseClient(URI.create(baseUrl + "/api/screen-pops/stream?ticket=" + ticket), lastEventId);
        client.response.get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The answer's status (0 while none came); read from the answer itself, not from the reader's callback. */
    int status() {
        return response.isDone() && !response.isCompletedExceptionally() ? response.join().statusCode() : status;
    }

    /** The next pop event, or null if none came within {@code wait}. */
    Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(Stream<String> lines) {
        long[] id = {0};
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if ("pop".equals(name[0]) && data.length() > 0) {
                        try {
                            events.add(new Event(id[0], JSON.readTree(data.toString())));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    name[0] = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id[0] = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            });
        } catch (RuntimeException closed) {
            // the stream was closed
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
