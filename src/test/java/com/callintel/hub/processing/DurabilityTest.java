package com.callintel.hub.processing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.CallIntelHubApplication;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.tenancy.EndpointKeys;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the hub acknowledged survives: a restart between accepting and processing, a node dying with a claimed
 * batch, and a database outage (answered 503 so the provider retries, never a 4xx that would drop the event).
 */
class DurabilityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "zm_test_secret_7d41b0";
    private static final List<String> CALL = List.of("inbound-ringing.json", "inbound-answered.json", "inbound-completed.json");

    @TempDir
    Path dataDir;

    @Test
    void eventsAcceptedBeforeARestartAreProcessedAfterIt() throws Exception {
        UUID orgId = UUID.randomUUID();
        String key = EndpointKeys.generate();
        try (ConfigurableApplicationContext first = start("callintel.processing.enabled=false")) {
            seedZoomAccount(first, orgId, key);
            for (String event : CALL) {
                assertThat(sendZoom(first, key, event).statusCode()).isEqualTo(200);
            }
            assertThat(count(first, "select count(*) from inbound_event where org_id = :org and status = 'pending'", orgId))
                    .isEqualTo(3);
        }

        try (ConfigurableApplicationContext second = start("callintel.processing.enabled=true")) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(second, "select count(*) from call where org_id = :org and state = 'ended'", orgId) == 1);
            assertThat(count(second, "select count(*) from inbound_event where org_id = :org and status = 'processed'", orgId))
                    .isEqualTo(3);
            Integer duration = second.getBean(JdbcClient.class)
                    .sql("select duration_seconds from call where org_id = :org").param("org", orgId)
                    .query(Integer.class).single();
            assertThat(duration).isEqualTo(330);
        }
    }

    @Test
    void eventsClaimedByANodeThatDiedAreProcessedWhenTheLeaseRunsOut() throws Exception {
        UUID orgId = UUID.randomUUID();
        String key = EndpointKeys.generate();
        try (ConfigurableApplicationContext dying = start("callintel.processing.enabled=false", "callintel.processing.lease=2s")) {
            seedZoomAccount(dying, orgId, key);
            for (String event : CALL) {
                assertThat(sendZoom(dying, key, event).statusCode()).isEqualTo(200);
            }
            // the node claims the batch and "dies" before finishing it
            assertThat(dying.getBean(WorkQueue.class).claim()).hasSize(3);
            assertThat(count(dying, "select count(*) from inbound_event where org_id = :org and status = 'processing'", orgId))
                    .isEqualTo(3);
        }

        try (ConfigurableApplicationContext survivor = start("callintel.processing.enabled=true")) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(survivor, "select count(*) from inbound_event where org_id = :org and status = 'processed'", orgId) == 3);
            assertThat(count(survivor, "select count(*) from call where org_id = :org", orgId)).isEqualTo(1);
        }
    }

    @Test
    void databaseOutageIsAnswered503WithRetryAfter() throws Exception {
        try (ConfigurableApplicationContext hub = start("callintel.processing.enabled=false")) {
            UUID orgId = UUID.randomUUID();
            String key = EndpointKeys.generate();
            seedZoomAccount(hub, orgId, key);
            hub.getBean(EmbeddedPostgres.class).close();

            long started = System.nanoTime();
            HttpResponse<String> response = sendZoom(hub, key, "inbound-ringing.json");
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("jdbc");
            assertThat(millis).as("answers before the provider's own timeout, not after a hang").isLessThan(10_000);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        // command-line arguments, so they win over config/application.yaml
        List<String> args = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--callintel.db.embedded.data-dir=" + dataDir.resolve("pg"),
                "--callintel.db.embedded.delete-on-close=false",
                "--callintel.vault.dev-key-file=" + dataDir.resolve("vault.key"),
                "--callintel.processing.poll-delay=200",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        for (String property : extra) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(CallIntelHubApplication.class).run(args.toArray(String[]::new));
    }

    private static void seedZoomAccount(ConfigurableApplicationContext hub, UUID orgId, String key) {
        TenantRepository tenants = hub.getBean(TenantRepository.class);
        tenants.saveOrganization(new Organization(orgId, "Durable Agency", "US", "America/Chicago"));
        tenants.saveProviderAccount(orgId, UUID.randomUUID(), "zoom", key, SECRET);
    }

    private static HttpResponse<String> sendZoom(ConfigurableApplicationContext hub, String key, String fixture)
            throws IOException, InterruptedException {
        var signed = SampleSender.sign("zoom", Files.readAllBytes(Path.of("../shared/fixtures/voip/zoom", fixture)),
                SECRET, Instant.now());
        String port = hub.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/zoom/" + key))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(ConfigurableApplicationContext hub, String sql, UUID orgId) {
        return hub.getBean(JdbcClient.class).sql(sql).param("org", orgId).query(Long.class).single();
    }

}
