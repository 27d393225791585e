import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Analytics API benchmark: seeds a month of demo traffic into a running default-run hub through the real intake
 * (POST /api/admin/sandbox/demo-traffic, signed Zoom and Dialpad webhooks), waits until every call is counted,
 * then times each analytics endpoint for that month (sequential requests, one client, loopback).
 *
 * <pre>java bench/AnalyticsApi.java [callsPerWeekday] [requests per endpoint] [hub URL]</pre>
 * callsPerWeekday 0 seeds nothing and times the last 30 days as they are.
 */
public class AnalyticsApi {

    public static void main(String[] args) throws Exception {
        int perWeekday = args.length > 0 ? Integer.parseInt(args[0]) : 2250;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String hub = args.length > 2 ? args[2] : "http://localhost:8080";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = token(http, hub);

        String month = "";
        if (perWeekday > 0) {
            month = seed(http, hub, token, perWeekday);
        }
        String counted = get(http, hub, "/api/analytics/totals?" + month, token);
        System.out.printf("timing the analytics of %s..%s: %d calls%n", text(counted, "from"), text(counted, "to"),
                number(counted, "calls"));

        System.out.println("| endpoint | requests | p50 | p99 | max |");
        System.out.println("|---|---|---|---|---|");
        for (String path : List.of("/api/analytics/totals", "/api/analytics/leaderboard?measure=answered",
                "/api/analytics/heatmap", "/api/analytics/trend")) {
            String url = path + (path.contains("?") ? "&" : "?") + month;
            for (int i = 0; i < 20; i++) {
                get(http, hub, url, token);                              // warm-up
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                get(http, hub, url, token);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf("| `%s` | %d | %.1f ms | %.1f ms | %.1f ms |%n", path.replaceAll("\\?.*", ""), requests,
                    millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1),
                    millis.get(millis.size() - 1));
        }
        System.exit(0);
    }

    /** Sends the demo month through the intake and waits until every call is counted; returns its range. */
    private static String seed(HttpClient http, String hub, String token, int perWeekday) throws Exception {
        long seeding = System.nanoTime();
        String plan = send(http, HttpRequest.newBuilder(URI.create(hub + "/api/admin/sandbox/demo-traffic?callsPerWeekday="
                + perWeekday)).POST(HttpRequest.BodyPublishers.noBody()), token);
        long planned = number(plan, "calls");
        String month = "from=" + text(plan, "from") + "&to=" + text(plan, "to");
        System.out.printf("seeding %d calls and %d SMS (%s) through the intake...%n", planned, number(plan, "messages"), month);
        long counted;
        while ((counted = number(get(http, hub, "/api/analytics/totals?" + month, token), "calls")) < planned) {
            Thread.sleep(2000);
            if ((System.nanoTime() - seeding) / 1e9 > 3600) {
                throw new IllegalStateException("only " + counted + " of " + planned + " calls counted after an hour");
            }
        }
        System.out.printf("all %d calls counted %.0f s after the request%n", counted, (System.nanoTime() - seeding) / 1e9);
        return month;
    }

    private static String get(HttpClient http, String hub, String path, String token) throws Exception {
        return send(http, HttpRequest.newBuilder(URI.create(hub + path)).GET(), token);
    }

    private static String send(HttpClient http, HttpRequest.Builder request, String token) throws Exception {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : "";
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
