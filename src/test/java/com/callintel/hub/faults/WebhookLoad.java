package com.callintel.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.callintel.hub.sandbox.SampleSender;

/**
 * Signed Zoom webhooks from several threads, as a provider sends them, each a call of its own
 * ({@link FaultCall}), paced to a steady rate; every answer is recorded with its status and latency. A provider
 * counts a webhook as delivered only on a 2xx: those are the ones the hub promised to keep.
 */
final class WebhookLoad implements AutoCloseable {

    /** No answer (connection refused or reset, or nothing within the provider's patience). */
    static final int NO_ANSWER = 0;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** What one webhook got back, and when it was sent (ms since the load started). */
    record Answer(FaultCall call, int status, long latencyMillis, long sentAtMillis) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String prefix;
    private final String secret;
    private final Supplier<List<String>> targets;
    private final int threads;
    private final long pauseNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running;
    private long startedAt;

    /**
     * Calls with ids starting {@code prefix}, signed with {@code secret}, posted to the webhook URLs
     * {@code targets} gives (thread i posts to the i-th, modulo), {@code perSecond} in all from {@code threads}.
     */
    WebhookLoad(String prefix, String secret, Supplier<List<String>> targets, int threads, int perSecond) {
        this.prefix = prefix;
        this.secret = secret;
        this.targets = targets;
        this.threads = threads;
        this.pauseNanos = Duration.ofSeconds(1).toNanos() * threads / perSecond;
    }

    WebhookLoad start() {
        running = true;
        startedAt = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int lane = i;
            Thread sender = new Thread(() -> send(lane), "webhook-load-" + i);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
        return this;
    }

    private void send(int lane) {
        long due = System.nanoTime();
        while (running) {
            List<String> urls = targets.get();
            FaultCall call = FaultCall.number(prefix, next.getAndIncrement());
            SampleSender.SignedRequest signed = SampleSender.sign("zoom", call.body(), secret, Instant.now());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(lane % urls.size())))
                    .timeout(PATIENCE).POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
            signed.headers().forEach(request::header);
            long sent = System.nanoTime();
            int status;
            try {
                status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = NO_ANSWER;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = System.nanoTime();
            answers.put(call.callId(), new Answer(call, status, (now - sent) / 1_000_000, (sent - startedAt) / 1_000_000));
            due += pauseNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                HubProcess.pause(wait / 1_000_000);
            } else {
                due = System.nanoTime();   // behind (a slow answer): no burst to catch up
            }
        }
    }

    /** Stops sending and waits for the webhooks in flight to be answered. */
    void stop() {
        running = false;
        for (Thread sender : senders) {
            try {
                sender.join(PATIENCE.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Millis since the load started: marks when a fault began and ended. */
    long elapsedMillis() {
        return (System.nanoTime() - startedAt) / 1_000_000;
    }

    List<Answer> answers() {
        return List.copyOf(answers.values());
    }

    List<FaultCall> acknowledged() {
        return answers.values().stream().filter(Answer::acknowledged).map(Answer::call).toList();
    }

    /** Answers by status (0 = no answer), for the log and the figures. */
    Map<Integer, Long> statusMix() {
        return answers.values().stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    }

    /** Answers sent between {@code from} and {@code to} ms after the start. */
    List<Answer> sentBetween(long from, long to) {
        return answers.values().stream().filter(a -> a.sentAtMillis() >= from && a.sentAtMillis() < to).toList();
    }

    /** Calls sent so far. */
    int sent() {
        return answers.size();
    }
}
