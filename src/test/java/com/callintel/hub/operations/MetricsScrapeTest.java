package com.callintel.hub.operations;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.privacy.PrivacyPurge;
import com.callintel.hub.support.HttpClientSupport;
import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scrapes {@code /actuator/prometheus} on the management port with the scrape credential only (no
 * operator session, no other path), and finds the hub's own meters there after a webhook, an AMS sync and a
 * purge: the ones docs/operations.md lists and every one the alert rules (ops/prometheus/alerts.yml) read.
 */
class MetricsScrapeTest extends HubIntegrationTest {

    /** The scraper's password whose bcrypt hash hub-test.properties sets. */
    private static final String SCRAPE_USER = "prometheus";
    private static final String SCRAPE_PASSWORD = "scrape-secret-for-tests";
    private static final Pattern METER_NAME = Pattern.compile("\\bcallintel_[a-z0-9_]+");

    @LocalManagementPort
    int managementPort;
    @Autowired
    PrivacyPurge purge;

    @Test
    void scrapeWithoutTheCredentialIsRefused() {
        HttpResponse<String> anonymous = HttpClientSupport.get(management("/actuator/prometheus"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
        assertThat(anonymous.body()).doesNotContain("callintel_");

        assertThat(scrape(SCRAPE_USER, "wrong-password").statusCode()).isEqualTo(401);
        assertThat(scrape("someone-else", SCRAPE_PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void scrapeCredentialOpensNothingButTheScrape() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/callintel.webhooks", "/actuator/jolokia/version")) {
            HttpResponse<String> response = HttpClientSupport.get(management(path), Map.of("Authorization", basic(SCRAPE_USER, SCRAPE_PASSWORD)));
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void anOrganizationsAdminCannotScrape() {
        TestTenant tenant = newTenant();
        HttpResponse<String> admin = HttpClientSupport.get(management("/actuator/prometheus"),
                Map.of("Authorization", "Bearer " + adminToken(tenant)));
        assertThat(admin.statusCode()).isEqualTo(401);
    }

    @Test
    void scrapeShowsTheHubsMetersAfterAWebhookASyncAndAPurge() throws Exception {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        sendZoomCallFrom(tenant, "+15555550123", "metrics-scrape-call");
        awaitSyncsSettled(tenant, Duration.ofSeconds(30));
        purge.afterSync();

        HttpResponse<String> scrape = scrape(SCRAPE_USER, SCRAPE_PASSWORD);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String body = scrape.body();
        assertThat(sample(body, "callintel_webhooks_total{answer=\"stored\",provider=\"zoom\",status=\"2xx\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(body, "callintel_ams_sync_seconds_count{ams_type=\"applied-epic\",outcome=\"written\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(body, "callintel_ams_breakers{ams_type=\"applied-epic\",state=\"closed\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(body, "callintel_purge_runs_total{job=\"purge-after-sync\",outcome=\"ran\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(body, "callintel_purge_last_finished_seconds{job=\"purge-after-sync\"}"))
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 600);
        assertThat(body).contains("callintel_processing_backlog_events ", "callintel_processing_lag_seconds ",
                "callintel_screenpop_latency_seconds_count ", "callintel_intake_in_flight ");
        assertThat(body).as("no organization id in any tag").doesNotContain(tenant.orgId().toString());

        assertThat(metersNamedIn(Files.readString(Path.of("ops/prometheus/alerts.yml")))).hasSize(5).allSatisfy(meter ->
                assertThat(body).as("the alert rules read " + meter).containsPattern("(?m)^" + meter + "[{ ]"));
        String guide = Files.readString(Path.of("docs/operations.md"));
        String metricsSection = guide.substring(guide.indexOf("## Metrics and alerts"), guide.indexOf("## JSON logs"));
        assertThat(metersNamedIn(metricsSection)).hasSizeGreaterThanOrEqualTo(12).allSatisfy(meter ->
                assertThat(body).as("docs/operations.md lists " + meter).containsPattern("(?m)^" + meter + "[_{ ]"));
    }

    private static Set<String> metersNamedIn(String text) {
        Matcher meters = METER_NAME.matcher(text);
        Set<String> names = new TreeSet<>();
        while (meters.find()) {
            names.add(meters.group());
        }
        return names;
    }

    /** The value of one sample line of the exposition ("name{labels} value"). */
    private static double sample(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample " + series + " in the scrape"));
    }

    private HttpResponse<String> scrape(String user, String password) {
        return HttpClientSupport.get(management("/actuator/prometheus"), Map.of("Authorization", basic(user, password)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String management(String path) {
        return "http://localhost:" + managementPort + path;
    }
}
