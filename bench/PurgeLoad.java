import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.callintel.hub.sandbox.SampleSender;

/**
 * Purge benchmark: seeds N calls of the demo organization whose notes reached the AMS (personal data, transcript,
 * summary, recording link; ams_sync 'synced'), then keeps signed Zoom webhooks coming at a steady rate while the
 * scheduled purge after sync masks them all. Reports the purge's duration and rate (from its purge_run row) and
 * the webhook ack latency during the purge against the latency outside it.
 *
 * <pre>java -cp "target/classes:$PGJDBC" bench/PurgeLoad.java [rows] [webhooks/s] [hub URL] [JDBC URL]</pre>
 */
public class PurgeLoad {

    private static final UUID DEMO_ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final int SEED_CHUNK = 100_000;

    record Ack(long sentAtMillis, long nanos, int status) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String hub = args.length > 2 ? args[2] : "http://localhost:8080";
        String jdbcUrl = args.length > 3 ? args[3] : "jdbc:postgresql://localhost:54329/postgres";
        String run = "purge-bench-" + System.currentTimeMillis();

        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            long seedStart = System.nanoTime();
            seed(db, run, rows);
            System.out.printf("seeded %,d synced calls in %.1f s%n", rows, (System.nanoTime() - seedStart) / 1e9);
            Timestamp seeded = now(db);

            List<Ack> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService sender = Executors.newScheduledThreadPool(4);
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            String template = Files.readString(Path.of("../shared/fixtures/voip/zoom/inbound-ringing.json"));
            URI uri = URI.create(hub + "/webhooks/zoom/"
                    + System.getenv().getOrDefault("CALLINTEL_DEMO_ZOOM_KEY", "demo-zoom-7d41b0"));
            String secret = System.getenv().getOrDefault("CALLINTEL_DEMO_ZOOM_SECRET", "zm_test_secret_7d41b0");
            java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
            sender.scheduleAtFixedRate(() -> {
                String body = template.replace("7412000000000000001", run + "-live-" + sequence.incrementAndGet());
                var signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret, Instant.now());
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
                signed.headers().forEach(request::header);
                long sentAt = System.currentTimeMillis();
                long t0 = System.nanoTime();
                int status;
                try {
                    status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                acks.add(new Ack(sentAt, System.nanoTime() - t0, status));
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);

            System.out.println("webhooks flowing at " + rate + "/s; waiting for the scheduled purge after sync ...");
            long[] window = awaitPurge(db, seeded);
            Thread.sleep(10_000);                       // some calm after the purge, for the comparison
            sender.shutdownNow();
            System.exit(report(db, run, rows, window, new ArrayList<>(acks)));
        }
    }

    private static void seed(Connection db, String run, int rows) throws Exception {
        db.setAutoCommit(false);
        try (PreparedStatement calls = db.prepareStatement("""
                insert into call (org_id, provider, provider_call_id, direction, from_number, to_number, external_number,
                    external_name, agent_id, agent_name, agent_email, state, state_rank, started_at, answered_at,
                    ended_at, recording_url, transcript, summary, event_count)
                select ?, 'zoom', ? || '-' || g, 'inbound', '+1312' || lpad(g::text, 7, '0'), '+13125550100',
                    '+1312' || lpad(g::text, 7, '0'), 'Caller ' || g, 'agent-' || (g % 12), 'Agent ' || (g % 12),
                    'agent' || (g % 12) || '@agency.example', 'ended', 3, now() - interval '3 hours',
                    now() - interval '3 hours' + interval '8 seconds', now() - interval '2 hours 55 minutes',
                    'https://zoom.example/rec/' || g,
                    'Caller ' || g || ': I would like to add my new car to policy PA-' || g || '. Agent: of course.',
                    'Customer asked to add a vehicle to an auto policy.', 4
                from generate_series(?, ?) g
                """);
             PreparedStatement syncs = db.prepareStatement("""
                insert into ams_sync (org_id, source_kind, source_id, status, synced_version, target_id, ams_record_id,
                    synced_at, attempts)
                select org_id, 'call', id, 'synced', 1, 'client-' || id, 'activity-' || id,
                    now() - interval '2 hours 50 minutes', 1
                from call where org_id = ? and provider = 'zoom' and provider_call_id like ? || '-%'
                """)) {
            for (int from = 1; from <= rows; from += SEED_CHUNK) {
                calls.setObject(1, DEMO_ORG);
                calls.setString(2, run);
                calls.setInt(3, from);
                calls.setInt(4, Math.min(rows, from + SEED_CHUNK - 1));
                calls.executeUpdate();
                db.commit();
            }
            syncs.setObject(1, DEMO_ORG);
            syncs.setString(2, run);
            syncs.executeUpdate();
            db.commit();
        }
        db.setAutoCommit(true);
        try (var analyze = db.createStatement()) {
            analyze.execute("analyze call");
            analyze.execute("analyze ams_sync");
        }
    }

    /** Waits for the first purge-after-sync run that starts after {@code seeded}; returns its [start, end] in ms. */
    private static long[] awaitPurge(Connection db, Timestamp seeded) throws Exception {
        try (PreparedStatement query = db.prepareStatement("""
                select started_at, finished_at, rows_masked from purge_run
                where job = 'purge-after-sync' and started_at > ? order by id limit 1
                """)) {
            query.setTimestamp(1, seeded);
            while (true) {
                try (ResultSet r = query.executeQuery()) {
                    if (r.next() && r.getTimestamp(2) != null) {
                        return new long[] {r.getTimestamp(1).getTime(), r.getTimestamp(2).getTime(), r.getLong(3)};
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    private static int report(Connection db, String run, int rows, long[] window, List<Ack> acks) throws Exception {
        double seconds = (window[1] - window[0]) / 1000.0;
        System.out.printf("purge after sync: %,d rows masked in %.1f s (%,.0f rows/s)%n", window[2], seconds, window[2] / seconds);
        try (PreparedStatement left = db.prepareStatement("""
                select count(*) from call where org_id = ? and provider_call_id like ? || '-%'
                and (external_number is not null or transcript is not null or recording_url is not null)
                and provider_call_id not like ? || '-live-%'
                """)) {
            left.setObject(1, DEMO_ORG);
            left.setString(2, run);
            left.setString(3, run);
            try (ResultSet r = left.executeQuery()) {
                r.next();
                System.out.printf("seeded calls still holding personal data: %d of %,d%n", r.getLong(1), rows);
            }
        }
        List<Ack> during = acks.stream().filter(a -> a.sentAtMillis() >= window[0] && a.sentAtMillis() <= window[1]).toList();
        List<Ack> outside = acks.stream().filter(a -> a.sentAtMillis() < window[0] || a.sentAtMillis() > window[1]).toList();
        print("outside the purge", outside);
        print("during the purge ", during);
        return 0;
    }

    private static void print(String label, List<Ack> acks) {
        if (acks.isEmpty()) {
            System.out.println(label + ": no webhooks");
            return;
        }
        long[] sorted = acks.stream().mapToLong(Ack::nanos).sorted().toArray();
        long refused = acks.stream().filter(a -> a.status() != 200).count();
        System.out.printf("%s: %d webhooks, %d not 200, ack ms p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", label,
                acks.size(), refused, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static Timestamp now(Connection db) throws Exception {
        try (ResultSet r = db.createStatement().executeQuery("select now()")) {
            r.next();
            return r.getTimestamp(1);
        }
    }
}
