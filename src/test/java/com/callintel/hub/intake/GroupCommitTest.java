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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit on the ack path: webhooks that arrive together are stored by one statement in one commit, and each
 * still gets its own answer - stored, duplicate (a second delivery of a key in the same batch included), or 422 for
 * the one event the database cannot take, which does not cost its batch-mates their 200. The inbound table is
 * held locked while the webhooks arrive, so they wait in line together for the single writer.
 */
@TestPropertySource(properties = {
        "callintel.intake.capacity.store-connections=1",
        "callintel.intake.capacity.store-timeout=20s",
        "callintel.test.context=group-commit"})
class GroupCommitTest extends HubIntegrationTest {

    @Autowired
    DataSource dataSource;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void countInsertStatements() {
        jdbc.sql("create table if not exists insert_statement_seen (at timestamptz default clock_timestamp())").update();
        jdbc.sql("""
                create or replace function record_insert_statement() returns trigger language plpgsql as $$
                begin
                    insert into insert_statement_seen default values;
                    return null;
                end $$""").update();
        jdbc.sql("create or replace trigger inbound_event_statement_seen after insert on inbound_event "
                + "for each statement execute function record_insert_statement()").update();
    }

    @AfterEach
    void stopCounting() {
        jdbc.sql("drop trigger if exists inbound_event_statement_seen on inbound_event").update();
    }

    @Test
    void webhooksArrivingTogetherShareOneCommitAndEachGetsItsOwnAnswer() throws Exception {
        TestTenant tenant = newTenant();
        String run = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(run + "-" + i);
        }
        for (int i = 0; i < 4; i++) {
            ids.add(run + "-" + i);   // a provider's retry arriving with the first delivery
        }

        List<HttpResponse<String>> answers = whileStoreIsHeld(tenant, ids.stream().map(GroupCommitTest::sms).toList());

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        Map<String, Long> firstDeliveries = answers.stream().collect(Collectors.groupingBy(HttpResponse::body, Collectors.counting()));
        assertThat(firstDeliveries).containsEntry("{\"received\":true,\"duplicate\":false}", 12L)
                .containsEntry("{\"received\":true,\"duplicate\":true}", 4L);
        assertThat(stored(tenant)).isEqualTo(12);
        assertThat(jdbc.sql("select count(*) from insert_statement_seen").query(Long.class).single())
                .as("16 webhooks stored by a few statements, not one each").isLessThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from inbound_event where org_id = :org and status = 'processed'")
                .param("org", tenant.orgId()).query(Long.class).single() == 12);
    }

    @Test
    void anEventTheDatabaseRefusesIs422AndItsBatchMatesAreStored() throws Exception {
        TestTenant tenant = newTenant();
        String run = UUID.randomUUID().toString();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(sms(run + "-" + i));
        }
        // jsonb refuses \u0000: this body can never be stored, so the provider must not be told to retry it
        bodies.add(3, "{\"source\":\"messaging\",\"content\":{\"id\":\"" + run + "-nul\",\"direction\":\"IN\",\"body\":\"a\\u0000b\"}}");

        List<HttpResponse<String>> answers = whileStoreIsHeld(tenant, bodies);

        assertThat(answers.get(3).statusCode()).isEqualTo(422);
        assertThat(answers.get(3).body()).contains("payload-not-storable");
        answers.remove(3);
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(stored(tenant)).isEqualTo(6);
    }

    /** Sends every body at once while the inbound table is locked, releases it once all wait, returns the answers. */
    private List<HttpResponse<String>> whileStoreIsHeld(TestTenant tenant, List<String> bodies) throws Exception {
        ExecutorService providers = Executors.newFixedThreadPool(bodies.size());
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("lock table inbound_event in share mode");
            }
            jdbc.sql("delete from insert_statement_seen").update();
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(providers.submit(() -> send(tenant, body)));
            }
            // all of them are in: one held by the writer on the lock, the others waiting in line for it
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into inbound_event%'")
                    .query(Long.class).single() >= 1);
            Thread.sleep(500);
            holder.rollback();
            List<HttpResponse<String>> replies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                replies.add(answer.get());
            }
            return replies;
        } finally {
            providers.shutdownNow();
        }
    }

    private HttpResponse<String> send(TestTenant tenant, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/goto/"
                        + tenant.endpointKey("goto")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long stored(TestTenant tenant) {
        return jdbc.sql("select count(*) from inbound_event where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single();
    }

    private static String sms(String id) {
        return "{\"source\":\"messaging\",\"content\":{\"id\":\"" + id + "\",\"direction\":\"IN\"}}";
    }

}
