package com.callintel.hub.screenpop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.access.DevIdentityProvider;
import com.callintel.hub.support.StandaloneHub;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hub nodes on one database: a webhook lands on node A, which alone processes it and makes the pop; the agent
 * whose browser is connected to node B gets it through PostgreSQL LISTEN/NOTIFY, with no broker in between.
 */
class ScreenPopFanOutTest {

    @TempDir
    Path dataDir;

    @Test
    void popMadeOnNodeAReachesTheAgentConnectedToNodeB() throws Exception {
        try (ConfigurableApplicationContext a = StandaloneHub.start(dataDir);
             // B processes nothing: the pop can only be made on A
             ConfigurableApplicationContext b = StandaloneHub.startSecondNode(a, dataDir, "callintel.processing.enabled=false")) {
            UUID orgId = UUID.randomUUID();
            String key = "fan-out-" + orgId;
            StandaloneHub.seedZoomAccount(a, orgId, key);
            String token = b.getBean(DevIdentityProvider.class).sign(Map.of("sub", "user_agent_" + orgId,
                    "org_id", orgId.toString(), "org_role", "org:member", "email", "agent@" + orgId + ".test"),
                    Duration.ofMinutes(5));
            String nodeB = "http://localhost:" + StandaloneHub.port(b);
            HttpResponse<String> ticket = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(nodeB + "/api/screen-pops/stream-ticket"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);

            try (SseClient stream = SseClient.open(nodeB, new ObjectMapper().readTree(ticket.body()).path("ticket").asText(), null)) {
                assertThat(stream.status()).isEqualTo(200);
                HttpResponse<String> webhook = StandaloneHub.sendZoom(a, key,
                        Files.readAllBytes(Path.of("../shared/fixtures/voip/zoom/inbound-ringing.json")));
                assertThat(webhook.statusCode()).isEqualTo(200);

                SseClient.Event pop = stream.next(Duration.ofSeconds(20));
                assertThat(pop).as("the pop reached node B's stream").isNotNull();
                assertThat(pop.data().path("number").asText()).isEqualTo("+15555550123");
                assertThat(pop.data().path("callerName").asText()).isEqualTo("Marcus Bell");
            }
            assertThat(StandaloneHub.count(a, "select count(*) from screen_pop where org_id = :org", orgId)).isEqualTo(1);
        }
    }
}
