import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.callintel.hub.sandbox.SampleSender;

/**
 * Intake benchmark: posts distinct, correctly signed Zoom webhooks to a running hub from several client threads
 * and reports accepted webhooks per second and ack latency. Loopback only, bounded in count.
 *
 * <pre>./mvnw -q compile && java -cp target/classes bench/IntakeLoad.java [count] [threads] [hub URL]</pre>
 */
public class IntakeLoad {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String hub = args.length > 2 ? args[2] : "http://localhost:8080";
        String key = System.getenv().getOrDefault("CALLINTEL_DEMO_ZOOM_KEY", "demo-zoom-7d41b0");
        String secret = System.getenv().getOrDefault("CALLINTEL_DEMO_ZOOM_SECRET", "zm_test_secret_7d41b0");
        String template = Files.readString(Path.of("../shared/fixtures/voip/zoom/inbound-ringing.json"));
        String runId = Long.toString(System.currentTimeMillis());
        URI uri = URI.create(hub + "/webhooks/zoom/" + key);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();

        long[] latencyNanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String body = template.replace("7412000000000000001", "bench-" + runId + "-" + i);
                    var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret, Instant.now());
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
                    signed.headers().forEach(request::header);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 200 ? accepted : refused).incrementAndGet();
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                    latencyNanos[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        System.out.printf("webhooks: %d sent, %d accepted (200), %d refused, %d client threads%n",
                count, accepted.get(), refused.get(), threads);
        System.out.printf("throughput: %.0f accepted webhooks/s over %.1f s%n", accepted.get() / seconds, seconds);
        System.out.printf("ack latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[count - 1] / 1e6);
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
