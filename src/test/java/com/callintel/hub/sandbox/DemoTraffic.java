package com.callintel.hub.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A realistic month of synthetic phone traffic for the demo organization, sent through the real intake as signed
 * webhooks (Zoom Phone and Dialpad): business-hours peaks, quiet weekends, several agents of different pace,
 * missed calls and voicemail (mostly after hours), outbound call-backs and SMS. Event times lie in the past
 * days; the signatures are made at sending time, as a provider would redeliver. Fake people, fake numbers.
 */
public final class DemoTraffic {

    /** A demo agent: provider, the provider's user id, display name, extension, share of calls and answer skill. */
    record DemoAgent(String provider, String userId, String name, String extension, double load, double answers) {
    }

    static final List<DemoAgent> AGENTS = List.of(
            new DemoAgent("zoom", "zU_dana_whitfield", "Dana Whitfield", "101", 1.4, 0.92),
            new DemoAgent("zoom", "zU_marco_reyes", "Marco Reyes", "102", 1.1, 0.86),
            new DemoAgent("zoom", "zU_priya_shah", "Priya Shah", "103", 0.8, 0.90),
            new DemoAgent("dialpad", "5120000000000002", "Sam Okafor", null, 1.2, 0.80),
            new DemoAgent("dialpad", "5120000000000003", "Lena Fischer", null, 0.9, 0.94),
            new DemoAgent("dialpad", "5120000000000004", "Theo Brandt", null, 0.6, 0.72));

    /** Which organization member each demo agent is (agent mapping), so the leaderboard shows members. */
    static final Map<String, String> MEMBERS = Map.of(
            "zU_dana_whitfield", "user_demo_agent", "zU_marco_reyes", "user_demo_marco_reyes",
            "zU_priya_shah", "user_demo_priya_shah", "5120000000000002", "user_demo_sam_okafor",
            "5120000000000003", "user_demo_lena_fischer", "5120000000000004", "user_demo_theo_brandt");

    private static final String[] CALLERS = {"Marcus Bell", "Priya Nandakumar", "Helen Ortiz", "Jordan Lee",
        "Ava Thompson", "Noah Garcia", "Mia Robinson", "Liam Carter", "Emma Brooks", "Oliver Price", "Sofia Kim",
        "Lucas Ward", "Chloe Reed", "Ethan Hayes", "Grace Foster", "Henry Ross"};
    /** Weight of each hour of a weekday (local time): a morning and an afternoon peak, a lull at lunch. */
    private static final double[] WEEKDAY_HOURS = {0, 0, 0, 0, 0, 0, 0.1, 0.4, 1.6, 2.6, 2.8, 2.2, 1.3, 1.7,
        2.4, 2.5, 2.0, 1.1, 0.4, 0.2, 0.1, 0.05, 0, 0};

    /** A webhook to send: which demo account, and its body. */
    public record Webhook(String provider, byte[] body) {
    }

    /** What a plan holds. */
    public record Plan(List<Webhook> webhooks, int calls, int messages, LocalDate from, LocalDate to) {
    }

    private final Random random;

    public DemoTraffic(long seed) {
        this.random = new Random(seed);
    }

    /** {@code days} days up to and including today in {@code zone}, about {@code callsPerWeekday} calls a weekday. */
    public Plan plan(ZoneId zone, LocalDate today, int days, int callsPerWeekday, Instant notAfter) {
        List<Webhook> webhooks = new ArrayList<>();
        int calls = 0;
        int messages = 0;
        LocalDate from = today.minusDays(days - 1L);
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            int weekday = day.getDayOfWeek().getValue();
            double scale = weekday <= 5 ? 1.0 : weekday == 6 ? 0.18 : 0.05;
            int n = (int) Math.round(callsPerWeekday * scale * (0.8 + 0.4 * random.nextDouble()));
            for (int i = 0; i < n; i++) {
                ZonedDateTime at = day.atTime(hour(), random.nextInt(60), random.nextInt(60)).atZone(zone);
                if (at.toInstant().isAfter(notAfter)) {
                    continue;
                }
                webhooks.add(call(at, "demo-" + day + "-" + i));
                calls++;
            }
            int texts = (int) Math.round(callsPerWeekday * scale * 0.2);
            for (int i = 0; i < texts; i++) {
                ZonedDateTime at = day.atTime(hour(), random.nextInt(60), random.nextInt(60)).atZone(zone);
                if (!at.toInstant().isAfter(notAfter)) {
                    webhooks.add(sms(at.toInstant(), "demo-msg-" + day + "-" + i));
                    messages++;
                }
            }
        }
        return new Plan(webhooks, calls, messages, from, today);
    }

    /** Sends every webhook, signed now, to the demo accounts at {@code hubBaseUrl}; a 429 or 503 is retried. */
    public static int send(Plan plan, String hubBaseUrl, SandboxProperties sandbox, int parallel) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Boolean>> sent = new ArrayList<>();
            for (Webhook webhook : plan.webhooks()) {
                sent.add(pool.submit(() -> post(http, hubBaseUrl, sandbox.accounts().get(webhook.provider()), webhook)));
            }
            int accepted = 0;
            for (Future<Boolean> f : sent) {
                accepted += f.get() ? 1 : 0;
            }
            return accepted;
        } finally {
            pool.shutdown();
        }
    }

    private static boolean post(HttpClient http, String base, SandboxProperties.Account account, Webhook webhook)
            throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            SampleSender.SignedRequest signed = SampleSender.sign(webhook.provider(), webhook.body(), account.secret(),
                    Instant.now());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/" + webhook.provider()
                    + "/" + account.endpointKey())).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
            signed.headers().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return true;
            }
            if (response.statusCode() != 429 && response.statusCode() != 503) {
                return false;
            }
            Thread.sleep(250L * (attempt + 1));
        }
        return false;
    }

    private int hour() {
        double total = 0;
        for (double w : WEEKDAY_HOURS) {
            total += w;
        }
        double pick = random.nextDouble() * total;
        for (int h = 0; h < 24; h++) {
            pick -= WEEKDAY_HOURS[h];
            if (pick <= 0) {
                return h;
            }
        }
        return 12;
    }

    private DemoAgent agent() {
        double total = AGENTS.stream().mapToDouble(DemoAgent::load).sum();
        double pick = random.nextDouble() * total;
        for (DemoAgent a : AGENTS) {
            pick -= a.load();
            if (pick <= 0) {
                return a;
            }
        }
        return AGENTS.get(0);
    }

    /** One whole call as the provider's final event: ring, maybe answer, end. */
    private Webhook call(ZonedDateTime local, String id) {
        Instant start = local.toInstant();
        DemoAgent agent = agent();
        boolean inbound = random.nextDouble() < 0.7;
        boolean afterHours = local.getHour() < 8 || local.getHour() >= 18;
        double answerChance = !inbound ? 0.75 : afterHours ? 0.3 : agent.answers();
        boolean answered = random.nextDouble() < answerChance;
        String outcome = answered ? "answered" : inbound && random.nextDouble() < 0.45 ? "voicemail" : "missed";
        int ring = 3 + (int) Math.round(Math.abs(random.nextGaussian()) * (inbound ? 9 : 6));
        int talk = (int) Math.round(Math.exp(5.2 + random.nextGaussian() * 0.8));        // median ~3 minutes
        Instant answeredAt = answered ? start.plusSeconds(ring) : null;
        Instant end = answered ? answeredAt.plusSeconds(Math.min(talk, 3600))
                : start.plusSeconds(outcome.equals("voicemail") ? 25 + random.nextInt(60) : 20 + random.nextInt(15));
        String name = CALLERS[random.nextInt(CALLERS.length)];
        String number = "+1555555" + String.format("%04d", 100 + random.nextInt(100));
        return agent.provider().equals("zoom")
                ? zoomCall(id, agent, inbound, outcome, start, answeredAt, end, name, number)
                : dialpadCall(id, agent, inbound, outcome, start, answeredAt, end, name, number);
    }

    private static Webhook zoomCall(String id, DemoAgent agent, boolean inbound, String outcome, Instant start,
                                    Instant answered, Instant end, String name, String number) {
        String user = "{\"extension_type\":\"user\",\"extension_number\":" + agent.extension() + ",\"user_id\":\""
                + agent.userId() + "\",\"name\":\"" + agent.name() + "\",\"phone_number\":\"+15555550100\"}";
        String outside = "{\"name\":\"" + name + "\",\"phone_number\":\"" + number + "\",\"extension_type\":\"pstn\"}";
        String result = switch (outcome) {
            case "answered" -> "Call connected";
            case "voicemail" -> "Voicemail";
            default -> "No Answer";
        };
        String body = "{\"event\":\"phone." + (inbound ? "callee" : "caller") + "_ended\",\"event_ts\":"
                + end.toEpochMilli() + ",\"payload\":{\"account_id\":\"DemoAccount0000000001\",\"object\":{"
                + "\"call_id\":\"" + id + "\",\"caller\":" + (inbound ? outside : user) + ",\"callee\":"
                + (inbound ? user : outside) + ",\"ringing_start_time\":\"" + start + "\","
                + (answered == null ? "" : "\"answer_start_time\":\"" + answered + "\",")
                + "\"call_end_time\":\"" + end + "\",\"handup_result\":\"" + result + "\"}}}";
        return new Webhook("zoom", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Webhook dialpadCall(String id, DemoAgent agent, boolean inbound, String outcome, Instant start,
                                       Instant answered, Instant end, String name, String number) {
        String state = switch (outcome) {
            case "answered" -> "hangup";
            case "voicemail" -> "voicemail";
            default -> "missed";
        };
        long talkMs = answered == null ? 0 : end.toEpochMilli() - answered.toEpochMilli();
        String body = "{\"call_id\":\"" + id + "\",\"state\":\"" + state + "\",\"direction\":\""
                + (inbound ? "inbound" : "outbound") + "\",\"external_number\":\"" + number
                + "\",\"internal_number\":\"+15555550100\",\"date_started\":" + start.toEpochMilli()
                + ",\"date_rang\":" + start.toEpochMilli() + ",\"date_connected\":"
                + (answered == null ? "null" : answered.toEpochMilli()) + ",\"date_ended\":" + end.toEpochMilli()
                + ",\"duration\":" + talkMs + ",\"event_timestamp\":" + end.toEpochMilli()
                + ",\"contact\":{\"name\":\"" + name + "\",\"phone\":\"" + number + "\"},\"target\":{\"id\":"
                + agent.userId() + ",\"type\":\"user\",\"name\":\"" + agent.name() + "\"}}";
        return new Webhook("dialpad", body.getBytes(StandardCharsets.UTF_8));
    }

    /** One SMS, in or out, through Zoom. */
    private Webhook sms(Instant at, String id) {
        DemoAgent agent = AGENTS.get(random.nextInt(3));
        boolean inbound = random.nextDouble() < 0.6;
        String name = CALLERS[random.nextInt(CALLERS.length)];
        String number = "+1555555" + String.format("%04d", 100 + random.nextInt(100));
        String outside = "{\"phone_number\":\"" + number + "\",\"display_name\":\"" + name + "\"}";
        String member = "{\"id\":\"" + agent.userId() + "\",\"type\":\"user\",\"display_name\":\"" + agent.name()
                + "\",\"phone_number\":\"+15555550100\"}";
        String body = "{\"event\":\"phone.sms_" + (inbound ? "received" : "sent") + "\",\"event_ts\":"
                + at.toEpochMilli() + ",\"payload\":{\"account_id\":\"DemoAccount0000000001\",\"object\":{"
                + "\"sender\":" + (inbound ? outside : member) + ",\"to_members\":[" + (inbound ? member : outside)
                + "],\"message\":\"" + (inbound ? "Hi, can you send my ID card?" : "Your ID card is on its way.")
                + "\",\"message_id\":\"" + id + "\",\"message_type\":1,\"date_time\":\"" + at + "\"}}}";
        return new Webhook("zoom", body.getBytes(StandardCharsets.UTF_8));
    }
}
