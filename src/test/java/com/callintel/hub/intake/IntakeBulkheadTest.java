package com.callintel.hub.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake's bulkhead counts webhooks from the moment their endpoint is known, not from when the route starts:
 * the route runs on an executor of a few threads whose queue has no bound, so a limit above that thread count,
 * taken inside the route, would never be reached while requests piled up in front of it. Here the limit (12) is
 * above the executor's threads and the stalled store keeps each webhook busy: the surplus is refused at once.
 */
@TestPropertySource(properties = {
        "callintel.intake.capacity.in-flight=12",
        "callintel.intake.capacity.store-connections=1",
        "callintel.intake.capacity.store-waiting=50",
        "callintel.intake.capacity.store-timeout=2s"})
class IntakeBulkheadTest extends HubIntegrationTest {

    private static final int WEBHOOKS = 30;

    @Autowired
    DataSource dataSource;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void webhooksBeyondTheIntakeCapacityAreRefusedAtOnceWhileTheStoreStalls() throws Exception {
        TestTenant tenant = newTenant();
        String run = UUID.randomUUID().toString();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("lock table inbound_event in share mode");
            }
            ExecutorService providers = Executors.newFixedThreadPool(WEBHOOKS);
            try {
                List<Future<HttpResponse<String>>> pending = new ArrayList<>();
                for (int i = 0; i < WEBHOOKS; i++) {
                    String id = run + "-" + i;
                    pending.add(providers.submit(() -> send(tenant, id)));
                }
                for (Future<HttpResponse<String>> answer : pending) {
                    answers.add(answer.get());
                }
            } finally {
                providers.shutdownNow();
            }
            holder.rollback();
        }

        assertThat(answers).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(answers).as("refused at the intake's capacity, before the route")
                .anySatisfy(response -> assertThat(response.body()).contains("intake-busy"));
        // refused before the security chain runs, yet with the same headers as every other answer
        assertThat(answers).filteredOn(response -> response.body().contains("intake-busy")).allSatisfy(response -> {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                    hsts -> assertThat(hsts).contains("max-age=63072000").contains("includeSubDomains"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        });
        assertThat(send(tenant, run + "-after").statusCode()).as("the store is back, no restart").isEqualTo(200);
    }

    private HttpResponse<String> send(TestTenant tenant, String messageId) throws Exception {
        String body = "{\"source\":\"messaging\",\"content\":{\"id\":\"" + messageId + "\",\"direction\":\"IN\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/goto/"
                        + tenant.endpointKey("goto")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
