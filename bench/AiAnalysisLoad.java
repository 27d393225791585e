import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.callintel.hub.sandbox.SampleSender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * AI analysis benchmark: sends N transcribed Dialpad calls of the demo organization (a client of the sandbox AMS)
 * to a running sandbox hub, then measures (1) the base note's latency, from each call's transcript webhook to the
 * first time its AMS sync shows a written note, and (2) the analyses' throughput, until every analysis of the run
 * is done. Run it against a hub with AI on and a model latency (--callintel.sandbox.ai-latency=1s), and against one
 * with AI off (--callintel.sandbox.ai-analysis=false): the base note's latency should be the same.
 *
 * <pre>bash bench/sandbox-hub.sh --callintel.sandbox.ai-latency=1s &
 * java -cp "target/test-classes:target/classes:$(cat target/sandbox.classpath)" bench/AiAnalysisLoad.java [count] [hub URL]</pre>
 */
public class AiAnalysisLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSCRIPT = "Caller: I need a certificate of insurance for my landlord. Thank you. "
            + "Agent: I will send the certificate by email on 2026-12-09.";

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String hub = args.length > 1 ? args[1] : "http://localhost:8080";
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http, hub);
        Path fixtures = Path.of("../shared/fixtures/voip/dialpad");
        String completed = Files.readString(fixtures.resolve("inbound-completed.json"));
        String transcription = Files.readString(fixtures.resolve("transcription.json"))
                .replaceAll("\"transcription_text\": \"[^\"]*\"", "\"transcription_text\": \"" + TRANSCRIPT + "\"");
        long run = System.currentTimeMillis() % 1_000_000;
        Map<String, Long> before = analyses(http, hub, token);
        long known = maxSyncId(http, hub, token);

        List<Long> sentAt = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String callId = String.valueOf(7_000_000_000_000_000L + run * 10_000 + i);
            post(http, hub, completed.replace("6263000000000001", callId));
            post(http, hub, transcription.replace("6263000000000001", callId));
            sentAt.add(System.nanoTime());
        }
        double sendSeconds = (System.nanoTime() - started) / 1e9;

        // each new sync, by id (the calls' order), and the first time it showed a written note
        Map<Long, Long> firstWritten = new HashMap<>();
        long analysedAt = 0;
        while (true) {
            long now = System.nanoTime();
            for (JsonNode sync : syncs(http, hub, token)) {
                long id = sync.path("id").asLong();
                if (id > known && sync.hasNonNull("syncedAt")) {
                    firstWritten.putIfAbsent(id, now);
                }
            }
            Map<String, Long> counts = analyses(http, hub, token);
            long done = counts.getOrDefault("done", 0L) - before.getOrDefault("done", 0L);
            if (analysedAt == 0 && done >= count) {
                analysedAt = now;
            }
            boolean aiOff = counts.values().stream().mapToLong(Long::longValue).sum()
                    == before.values().stream().mapToLong(Long::longValue).sum() && firstWritten.size() >= count;
            if (firstWritten.size() >= count && (analysedAt > 0 || aiOff)) {
                break;
            }
            if ((now - started) / 1e9 > 900) {
                throw new IllegalStateException("not done after 15 minutes: " + firstWritten.size() + " notes, " + counts);
            }
            Thread.sleep(50);
        }
        List<Long> ids = firstWritten.keySet().stream().sorted().toList();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            latencies.add((firstWritten.get(ids.get(i)) - sentAt.get(i)) / 1e6);
        }
        latencies.sort(Double::compare);
        System.out.printf("%d transcribed calls sent in %.1f s%n", count, sendSeconds);
        System.out.printf("base note, transcript webhook to note written: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                latencies.get(count / 2), latencies.get((int) (count * 0.95)), latencies.get(count - 1));
        if (analysedAt > 0) {
            double seconds = (analysedAt - started) / 1e9;
            System.out.printf("analyses: %d done %.1f s after the first webhook: %.2f analyses/s%n", count, seconds, count / seconds);
        } else {
            System.out.println("analyses: none (AI off)");
        }
        System.exit(0);
    }

    private static void post(HttpClient http, String hub, String json) throws Exception {
        var signed = SampleSender.sign("dialpad", json.getBytes(StandardCharsets.UTF_8), "dp_test_secret_5f2c9a", Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + "/webhooks/dialpad/demo-dialpad-4f9c2e"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("webhook refused: " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode syncs(HttpClient http, String hub, String token) throws Exception {
        return JSON.readTree(get(http, hub + "/api/ams-syncs", token));
    }

    private static long maxSyncId(HttpClient http, String hub, String token) throws Exception {
        long max = 0;
        for (JsonNode sync : syncs(http, hub, token)) {
            max = Math.max(max, sync.path("id").asLong());
        }
        return max;
    }

    private static Map<String, Long> analyses(HttpClient http, String hub, String token) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        JSON.readTree(get(http, hub + "/api/admin/ai", token)).path("analysesLast24Hours").fields()
                .forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asLong()));
        return counts;
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A demo admin's token from the development identity provider (client credentials of the default run). */
    private static String token(HttpClient http, String hub) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(hub + "/dev/token?user=admin"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body).path("access_token").asText();
    }
}
