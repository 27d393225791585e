import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.sandbox.SampleSender;

/**
 * AMS sync benchmark: sends N ended calls from a client of the sandbox AMS to a running default-run hub, then
 * measures how fast the notes are written to the sandbox Applied Epic (its latency set with
 * --callintel.sandbox.ams-latency). Loopback only, bounded in count.
 *
 * <pre>./mvnw -q compile && java -cp target/classes bench/AmsSyncLoad.java [count] [hub URL]</pre>
 */
public class AmsSyncLoad {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String hub = args.length > 1 ? args[1] : "http://localhost:8080";
        HttpClient http = HttpClient.newHttpClient();
        String template = Files.readString(Path.of("../shared/fixtures/voip/zoom/inbound-completed.json"));
        String runId = Long.toString(System.currentTimeMillis());
        String token = token(http, hub);

        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] body = template.replace("7412000000000000001", "ams-bench-" + runId + "-" + i).getBytes(StandardCharsets.UTF_8);
            var signed = SampleSender.sign("zoom", body, "zm_test_secret_7d41b0", Instant.now());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + "/webhooks/zoom/demo-zoom-7d41b0"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
            signed.headers().forEach(request::header);
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        }
        long sent = System.nanoTime();
        while (pendingEvents(http, hub, token) > 0
                || countWithStatus(http, hub, token, "pending") + countWithStatus(http, hub, token, "syncing") > 0) {
            Thread.sleep(100);
            if ((System.nanoTime() - started) / 1e9 > 600) {
                throw new IllegalStateException("not done after 10 minutes");
            }
        }
        long done = System.nanoTime();
        System.out.printf("%d calls sent in %.1f s; all notes written %.1f s after the first webhook%n",
                count, (sent - started) / 1e9, (done - started) / 1e9);
        System.out.printf("AMS sync throughput: %.1f notes/s (end to end, webhook to note)%n", count / ((done - started) / 1e9));
        System.exit(0);
    }

    private static int countWithStatus(HttpClient http, String hub, String token, String status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/ams-syncs?status=" + status))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"id\"").matcher(r.body());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int pendingEvents(HttpClient http, String hub, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/events?status=pending"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().length() > 2 ? 1 : 0;
    }

    private static String token(HttpClient http, String hub) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + "/dev/token?user=admin"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token from the development issuer: " + r.body());
        }
        return m.group(1);
    }
}
