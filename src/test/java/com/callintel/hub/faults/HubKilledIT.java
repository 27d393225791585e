package com.callintel.hub.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.UUID;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the hub of the default run (its embedded PostgreSQL left running behind it) while providers
 * send, then a start, as an operator (or a supervisor) does: the start succeeds first time, and everything the
 * dead hub acknowledged is processed once, with one AMS note per call.
 */
class HubKilledIT {

    private final Path dir = temp();
    private final AppliedEpicSimulator epic = AppliedEpicSimulator.builder().build();
    private HubProcess hub;
    private AmsNotes notes;

    @AfterEach
    void cleanUp() {
        if (hub != null) {
            hub.stop();
        }
        if (notes != null) {
            notes.close();
        }
        epic.close();
        PostgresServer.killLeftOver(dir.resolve("pgdata"));
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void everyWebhookAcknowledgedBeforeAKill9IsProcessedOnceAfterTheRestartWithOneAmsNoteEach() {
        epic.start();
        notes = new AmsNotes(epic);
        FaultTenant tenant = new FaultTenant(UUID.randomUUID());
        int databasePort = HubProcess.freePort();
        List<String> arguments = FaultSuite.hubArguments(dir, concat(tenant.hubArguments(epic.baseUrl()), List.of(
                "callintel.db.embedded.data-dir=" + dir.resolve("pgdata"),
                "callintel.db.embedded.port=" + databasePort)));
        hub = new HubProcess("hub-killed", FaultSuite.logs(), arguments).start();
        FaultSuite.log("hub-killed: first start " + hub.lastStart().toMillis() + " ms");
        JdbcClient jdbc = FaultSuite.jdbc("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres");
        tenant.setUp(hub, jdbc, epic);

        try (WebhookLoad load = new WebhookLoad("81", FaultTenant.ZOOM_SECRET, () -> List.of(tenant.webhookUrl(hub)),
                FaultSuite.THREADS, FaultSuite.RATE).start()) {
            Outcomes outcomes = new Outcomes(jdbc, tenant.orgId(), "81");
            await().atMost(FaultSuite.SETTLE_LIMIT).until(() -> load.acknowledged().size() >= FaultSuite.ACKED_AROUND_FAULT);
            hub.kill();
            Set<Long> inFlight = outcomes.syncing();   // the dead hub's PostgreSQL still runs: what it was doing
            int ackedBeforeKill = load.acknowledged().size();
            long killedAt = load.elapsedMillis();
            FaultSuite.log("hub-killed: kill -9 after " + ackedBeforeKill + " acknowledged webhooks");

            hub.start();   // the embedded PostgreSQL the dead hub left behind is still running on the folder
            long upAt = load.elapsedMillis();
            FaultSuite.log("hub-killed: restart after kill -9 " + hub.lastStart().toMillis() + " ms; answers from the kill "
                    + "to healthy " + mix(load.sentBetween(killedAt, upAt)) + ", AMS syncs in flight at the kill " + inFlight.size());
            await().atMost(FaultSuite.SETTLE_LIMIT).until(() ->
                    load.acknowledged().size() >= ackedBeforeKill + FaultSuite.ACKED_AROUND_FAULT);
            load.stop();

            outcomes.awaitSettled(FaultSuite.SETTLE_LIMIT);
            Outcomes.Figures figures = outcomes.verify(load, notes.all(), inFlight);
            FaultSuite.log("hub-killed: " + figures);
        }
    }

    static Map<Integer, Long> mix(List<WebhookLoad.Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(WebhookLoad.Answer::status, java.util.TreeMap::new,
                Collectors.counting()));
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static Path temp() {
        try {
            return Files.createTempDirectory("callintel-faults");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
