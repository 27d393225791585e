package com.callintel.hub.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults around a hub on an external PostgreSQL (a separate server the test owns): the AMS down under steady
 * traffic, a second node on the same database killed mid-load, PostgreSQL itself killed mid-load. One node runs
 * throughout, as in production; each test sends its own calls and checks their outcome once the backlog drained.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedDatabaseFaultsIT {

    private final Path dir = HubKilledIT.temp();
    private final PostgresServer database = new PostgresServer(dir.resolve("pgdata"));
    private final AppliedEpicSimulator epic = AppliedEpicSimulator.builder().build();
    private final FaultTenant tenant = new FaultTenant(UUID.randomUUID());
    private List<String> nodeArguments;
    private HubProcess node;
    private JdbcClient jdbc;
    private AmsNotes notes;

    @BeforeAll
    void startDatabaseAmsAndNode() {
        database.start();
        epic.start();
        notes = new AmsNotes(epic);
        nodeArguments = FaultSuite.hubArguments(dir, HubKilledIT.concat(tenant.hubArguments(epic.baseUrl()),
                database.hubArguments()));
        node = new HubProcess("node-a", FaultSuite.logs(), nodeArguments).start();
        FaultSuite.log("node-a on an external PostgreSQL: start " + node.lastStart().toMillis() + " ms");
        jdbc = FaultSuite.jdbc(database.jdbcUrl());
        tenant.setUp(node, jdbc, epic);
    }

    @BeforeEach
    void amsUpWithoutRecords() {
        if (!epic.isUp()) {
            epic.comeUp();
        }
        notes.reset();
    }

    @AfterAll
    void stopAll() {
        if (node != null) {
            node.stop();
        }
        if (notes != null) {
            notes.close();
        }
        epic.close();
        database.close();
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    @Order(1)
    void amsDownUnderSteadyTrafficGetsEveryNoteOnceWhenItIsBack() {
        Outcomes outcomes = new Outcomes(jdbc, tenant.orgId(), "83");
        try (WebhookLoad load = load("83", () -> List.of(tenant.webhookUrl(node)))) {
            await().atMost(FaultSuite.SETTLE_LIMIT).until(() -> load.acknowledged().size() >= FaultSuite.ACKED_AROUND_FAULT);
            Set<Long> inFlight = new HashSet<>(outcomes.syncing());
            epic.goDown();
            inFlight.addAll(outcomes.syncing());
            long downAt = load.elapsedMillis();
            HubProcess.pause(FaultSuite.AMS_DOWN.toMillis());
            Map<String, Long> whileDown = syncStatuses("83");
            Map<String, Long> attemptsWhileDown = counts("""
                    select s.attempts::text as status, count(*) as n from ams_sync s
                    join call c on c.org_id = s.org_id and c.id = s.source_id
                    where s.org_id = :org and c.provider_call_id like :prefix and s.status <> 'synced' group by s.attempts""", "83");
            double backlogWhileDown = FaultTenant.metric(node, "callintel.processing.backlog");
            epic.comeUp();
            long upAt = load.elapsedMillis();
            int ackedAtUp = load.acknowledged().size();
            await().atMost(FaultSuite.SETTLE_LIMIT).until(() ->
                    load.acknowledged().size() >= ackedAtUp + FaultSuite.ACKED_AROUND_FAULT);
            load.stop();

            outcomes.awaitSettled(FaultSuite.SETTLE_LIMIT);
            long drainedAt = load.elapsedMillis();
            Outcomes.Figures figures = outcomes.verify(load, notes.all(), inFlight);
            assertThat(load.sentBetween(downAt, upAt)).as("webhooks keep being acknowledged while the AMS is down")
                    .isNotEmpty().allMatch(WebhookLoad.Answer::acknowledged);
            assertThat(whileDown).as("notes wait in the queue while the AMS is down, none given up").containsKey("pending")
                    .doesNotContainKey("dead");
            double backlogAfter = FaultTenant.metric(node, "callintel.processing.backlog");
            FaultSuite.log("ams-down " + (upAt - downAt) + " ms: syncs while down " + whileDown + ", their attempts so far "
                    + attemptsWhileDown + ", processing backlog "
                    + "while down " + backlogWhileDown + " and after " + backlogAfter + "; drained " + (drainedAt - upAt)
                    + " ms after the AMS came back; " + figures);
        }
    }

    @Test
    @Order(2)
    void secondNodeKilledMidLoadLeavesItsLeasedWorkToTheFirst() {
        HubProcess second = new HubProcess("node-b", FaultSuite.logs(), nodeArguments).start();
        FaultSuite.log("node-b on the same database: start " + second.lastStart().toMillis() + " ms");
        try {
            AtomicReference<List<String>> targets = new AtomicReference<>(List.of(tenant.webhookUrl(node), tenant.webhookUrl(second)));
            Outcomes outcomes = new Outcomes(jdbc, tenant.orgId(), "84");
            try (WebhookLoad load = load("84", targets::get)) {
                await().atMost(FaultSuite.SETTLE_LIMIT).until(() -> load.acknowledged().size() >= FaultSuite.ACKED_AROUND_FAULT);
                second.kill();
                targets.set(List.of(tenant.webhookUrl(node)));   // the load balancer takes the dead node out
                long killedAt = load.elapsedMillis();
                Set<Long> inFlight = outcomes.syncing();
                Map<String, Long> leased = eventStatuses("84");
                int ackedAtKill = load.acknowledged().size();
                await().atMost(FaultSuite.SETTLE_LIMIT).until(() ->
                        load.acknowledged().size() >= ackedAtKill + FaultSuite.ACKED_AROUND_FAULT);
                load.stop();

                outcomes.awaitSettled(FaultSuite.SETTLE_LIMIT);
                long drainedAt = load.elapsedMillis();
                Outcomes.Figures figures = outcomes.verify(load, notes.all(), inFlight);
                FaultSuite.log("node-b killed: events by status at the kill " + leased + "; all processed "
                        + (drainedAt - killedAt) + " ms after the kill; " + figures);
            }
        } finally {
            second.stop();
        }
    }

    @Test
    @Order(3)
    void databaseKilledMidLoadAnswers503WhileDownAndLosesNoAcknowledgedWebhook() {
        Outcomes outcomes = new Outcomes(jdbc, tenant.orgId(), "82");
        try (WebhookLoad load = load("82", () -> List.of(tenant.webhookUrl(node)))) {
            await().atMost(FaultSuite.SETTLE_LIMIT).until(() -> load.acknowledged().size() >= FaultSuite.ACKED_AROUND_FAULT);
            long killedAt;
            long restartedAt;
            Set<Long> inFlight = new HashSet<>(outcomes.syncing());
            try {
                database.kill();
                killedAt = load.elapsedMillis();
                HubProcess.pause(FaultSuite.DATABASE_DOWN.toMillis());
            } finally {
                database.start();
            }
            restartedAt = load.elapsedMillis();
            inFlight.addAll(outcomes.syncing());   // claimed before the kill, their outcome never recorded
            int ackedAtRestart = load.acknowledged().size();
            await().atMost(FaultSuite.SETTLE_LIMIT).until(() ->
                    load.acknowledged().size() >= ackedAtRestart + FaultSuite.ACKED_AROUND_FAULT);
            load.stop();

            // sent while the database was down (from just after the kill, so none was already being stored)
            List<WebhookLoad.Answer> whileDown = load.sentBetween(killedAt + 100, restartedAt - 100);
            assertThat(whileDown).as("answers while the database is down: 503 (or a 2xx once it is back), never "
                    + "a 500 or no answer").isNotEmpty().allMatch(a -> a.status() == 503 || a.acknowledged());
            assertThat(whileDown).as("the outage was seen").anyMatch(a -> a.status() == 503);

            outcomes.awaitSettled(FaultSuite.SETTLE_LIMIT);
            long drainedAt = load.elapsedMillis();
            Outcomes.Figures figures = outcomes.verify(load, notes.all(), inFlight);
            FaultSuite.log("database killed " + (restartedAt - killedAt) + " ms (start included): answers while down "
                    + whileDown.stream().collect(Collectors.groupingBy(WebhookLoad.Answer::status, Collectors.counting()))
                    + ", 503 latency " + latencies(whileDown, 503) + "; drained " + (drainedAt - restartedAt)
                    + " ms after the restart; " + figures);
        }
    }

    private WebhookLoad load(String prefix, java.util.function.Supplier<List<String>> targets) {
        return new WebhookLoad(prefix, FaultTenant.ZOOM_SECRET, targets, FaultSuite.THREADS, FaultSuite.RATE).start();
    }

    private Map<String, Long> syncStatuses(String prefix) {
        return counts("""
                select s.status, count(*) as n from ams_sync s join call c on c.org_id = s.org_id and c.id = s.source_id
                where s.org_id = :org and c.provider_call_id like :prefix group by s.status""", prefix);
    }

    private Map<String, Long> eventStatuses(String prefix) {
        return counts("""
                select status, count(*) as n from inbound_event where org_id = :org
                and payload -> 'payload' -> 'object' ->> 'call_id' like :prefix group by status""", prefix);
    }

    private Map<String, Long> counts(String sql, String prefix) {
        return jdbc.sql(sql).param("org", tenant.orgId()).param("prefix", prefix + "%").query().listOfRows().stream()
                .collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue(),
                        Long::sum, java.util.TreeMap::new));
    }

    /** p50 / p99 / max latency of the answers with {@code status}, in ms. */
    static String latencies(List<WebhookLoad.Answer> answers, int status) {
        List<Long> sorted = new ArrayList<>(answers.stream().filter(a -> a.status() == status)
                .map(WebhookLoad.Answer::latencyMillis).sorted().toList());
        if (sorted.isEmpty()) {
            return "(none)";
        }
        return "p50 " + sorted.get(sorted.size() / 2) + " ms, p99 " + sorted.get((int) Math.min(sorted.size() - 1,
                Math.ceil(sorted.size() * 0.99) - 1)) + " ms, max " + sorted.get(sorted.size() - 1) + " ms (n=" + sorted.size() + ")";
    }
}
