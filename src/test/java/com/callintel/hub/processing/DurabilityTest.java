package com.callintel.hub.processing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.support.StandaloneHub;
import com.callintel.hub.tenancy.EndpointKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the hub acknowledged survives: a restart between accepting and processing, a node dying with a claimed
 * batch, and a database outage (answered 503 so the provider retries, never a 4xx that would drop the event).
 */
class DurabilityTest {

    private static final List<String> CALL = List.of("inbound-ringing.json", "inbound-answered.json", "inbound-completed.json");

    @TempDir
    Path dataDir;

    @Test
    void eventsAcceptedBeforeARestartAreProcessedAfterIt() throws Exception {
        UUID orgId = UUID.randomUUID();
        String key = EndpointKeys.generate();
        try (ConfigurableApplicationContext first = start("callintel.processing.enabled=false")) {
            StandaloneHub.seedZoomAccount(first, orgId, key);
            for (String event : CALL) {
                assertThat(sendZoom(first, key, event).statusCode()).isEqualTo(200);
            }
            assertThat(StandaloneHub.count(first, "select count(*) from inbound_event where org_id = :org and status = 'pending'", orgId))
                    .isEqualTo(3);
        }

        try (ConfigurableApplicationContext second = start("callintel.processing.enabled=true")) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    StandaloneHub.count(second, "select count(*) from call where org_id = :org and state = 'ended'", orgId) == 1);
            assertThat(StandaloneHub.count(second, "select count(*) from inbound_event where org_id = :org and status = 'processed'", orgId))
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
            StandaloneHub.seedZoomAccount(dying, orgId, key);
            for (String event : CALL) {
                assertThat(sendZoom(dying, key, event).statusCode()).isEqualTo(200);
            }
            // the node claims the batch and "dies" before finishing it
            assertThat(dying.getBean(WorkQueue.class).claim()).hasSize(3);
            assertThat(StandaloneHub.count(dying, "select count(*) from inbound_event where org_id = :org and status = 'processing'", orgId))
                    .isEqualTo(3);
        }

        try (ConfigurableApplicationContext survivor = start("callintel.processing.enabled=true")) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    StandaloneHub.count(survivor, "select count(*) from inbound_event where org_id = :org and status = 'processed'", orgId) == 3);
            assertThat(StandaloneHub.count(survivor, "select count(*) from call where org_id = :org", orgId)).isEqualTo(1);
        }
    }

    @Test
    void databaseOutageIsAnswered503WithRetryAfter() throws Exception {
        try (ConfigurableApplicationContext hub = start("callintel.processing.enabled=false")) {
            UUID orgId = UUID.randomUUID();
            String key = EndpointKeys.generate();
            StandaloneHub.seedZoomAccount(hub, orgId, key);
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
        return StandaloneHub.start(dataDir, extra);
    }

    private static HttpResponse<String> sendZoom(ConfigurableApplicationContext hub, String key, String fixture)
            throws IOException {
        return StandaloneHub.sendZoom(hub, key, Files.readAllBytes(Path.of("../shared/fixtures/voip/zoom", fixture)));
    }
}
