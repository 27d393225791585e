import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.sandbox.SampleSender;

/**
 * Screen-pop latency: signs in as the demo agent, opens the screen-pop stream, then sends signed Zoom "callee
 * ringing" webhooks one at a time (each a new call from Marcus Bell, a client of the sandbox AMS) and times each
 * from just before the webhook is posted to the moment its pop event is read from the stream. That span holds
 * intake (stored, fsync'd), processing, the live AMS lookup, the pop's insert, NOTIFY and the SSE write, plus
 * the loopback transfer both ways: an upper bound of "webhook received to SSE event written". Loopback only,
 * bounded in count; each wait for a pop gives up after 10 s.
 *
 * <pre>./mvnw -q compile && java -cp target/classes bench/ScreenPopLatency.java [count] [warm-up] [hub URL]</pre>
 */
public class ScreenPopLatency {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String hub = args.length > 2 ? args[2] : "http://localhost:8080";
        String key = System.getenv().getOrDefault("CALLINTEL_DEMO_ZOOM_KEY", "demo-zoom-7d41b0");
        String secret = System.getenv().getOrDefault("CALLINTEL_DEMO_ZOOM_SECRET", "zm_test_secret_7d41b0");
        String template = Files.readString(Path.of("../shared/fixtures/voip/zoom/inbound-ringing.json"));

        String ticket = null;
        for (int attempt = 0; ticket == null; attempt++) {
            try {
                String token = field(post(hub + "/dev/token?user=agent", null), "access_token");
                ticket = field(post(hub + "/api/screen-pops/stream-ticket", token), "ticket");
            } catch (Exception starting) {
                if (attempt == 90) {
                    throw starting;
                }
                Thread.sleep(1000);   // the hub is still starting (its API routes come up after the web server)
            }
        }
        BlockingQueue<String> pops = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(
                URI.create(hub + "/api/screen-pops/stream?ticket=" + ticket)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("stream refused: HTTP " + stream.statusCode());
        }
        Thread reader = new Thread(() -> read(stream.body(), pops), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        // pops still fresh from earlier runs are replayed first: let them pass
        while (pops.poll(1, TimeUnit.SECONDS) != null) {
            // drained
        }

        String runId = Long.toString(System.currentTimeMillis());
        URI webhook = URI.create(hub + "/webhooks/zoom/" + key);
        long[] nanos = new long[count];
        int lost = 0;
        for (int i = -warmUp; i < count; i++) {
            String body = template.replace("7412000000000000001", "pop-" + runId + "-" + (i + warmUp));
            var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret, Instant.now());
            HttpRequest.Builder request = HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
            signed.headers().forEach(request::header);
            long t0 = System.nanoTime();
            int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("webhook refused: HTTP " + status);
            }
            String pop = pops.poll(10, TimeUnit.SECONDS);
            long took = System.nanoTime() - t0;
            if (pop == null) {
                lost++;
                took = Duration.ofSeconds(10).toNanos();
            } else if (!pop.contains("Marcus Bell")) {
                throw new IllegalStateException("unexpected pop (AMS lookup failed?): " + pop);
            }
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("pops=%d lost=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", count, lost,
                ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[count - 1] / 1e6);
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String post(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** Queues the data line of every "pop" event. */
    private static void read(InputStream body, BlockingQueue<String> pops) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "pop".equals(event)) {
                    pops.add(line.substring(5));
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (Exception closed) {
            // the stream ended
        }
    }
}
