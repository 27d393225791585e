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
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overload and a stalled store: with a tiny intake capacity and the inbound table locked (every insert waits),
 * webhooks are answered 503 + Retry-After with a problem body within the bound, not left hanging; once the store
 * is back, the providers' retries get in without a restart, and every event is stored and processed exactly once.
 */
@TestPropertySource(properties = {
        "callintel.intake.capacity.in-flight=4",
        "callintel.intake.capacity.store-connections=2",
        "callintel.intake.capacity.store-waiting=1",
        "callintel.intake.capacity.store-timeout=2s"})
class IntakeOverloadTest extends HubIntegrationTest {

    private static final int WEBHOOKS = 12;
    /** Generous: the old intake hung until the lock went away; a provider gives up after 2 to 5 s. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

    @Autowired
    DataSource dataSource;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void stalledStoreIsAnsweredWith503AndRetryAfterThenEveryRetriedWebhookIsProcessedOnce() throws Exception {
        TestTenant tenant = newTenant();
        String run = UUID.randomUUID().toString();
        List<String> ids = IntStream.range(0, WEBHOOKS).mapToObj(i -> run + "-" + i).toList();

        List<HttpResponse<String>> refused = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("lock table inbound_event in share mode");   // every insert now waits for it
            }
            ExecutorService providers = Executors.newFixedThreadPool(WEBHOOKS);
            try {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (String id : ids) {
                    answers.add(providers.submit(() -> send(tenant, id)));
                }
                for (Future<HttpResponse<String>> answer : answers) {
                    refused.add(answer.get());   // a hang fails here: the client gives up after ANSWER_BOUND
                }
            } finally {
                providers.shutdownNow();
            }
            holder.rollback();
        }

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        });
        assertThat(refused).as("some refused at once at the intake's capacity")
                .anySatisfy(response -> assertThat(response.body()).contains("intake-busy"));

        // the store is back: the providers retry, all get in without a restart
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).until(() -> send(tenant, id).statusCode() == 200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(tenant, "status = 'processed'") == WEBHOOKS);
        assertThat(count(tenant, "true")).as("every event stored once").isEqualTo(WEBHOOKS);
        assertThat(jdbc.sql("select count(distinct dedupe_key) from inbound_event where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single()).isEqualTo(WEBHOOKS);
    }

    private HttpResponse<String> send(TestTenant tenant, String messageId) throws Exception {
        String body = "{\"source\":\"messaging\",\"content\":{\"id\":\"" + messageId + "\",\"direction\":\"IN\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/goto/"
                        + tenant.endpointKey("goto")))
                .timeout(ANSWER_BOUND)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long count(TestTenant tenant, String condition) {
        return jdbc.sql("select count(*) from inbound_event where org_id = :org and " + condition)
                .param("org", tenant.orgId()).query(Long.class).single();
    }
}
