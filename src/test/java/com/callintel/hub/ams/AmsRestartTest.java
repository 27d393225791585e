package com.callintel.hub.ams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.StandaloneHub;
import com.callintel.hub.tenancy.EndpointKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A hub restarted while its AMS syncs are being retried finishes them after the restart, each note once. */
class AmsRestartTest {

    private static final int CALLS = 10;
    private static final String[] FAST_RETRIES = {"callintel.ams.first-retry=200ms", "callintel.ams.max-retry=1s",
            "callintel.ams.max-attempts=100", "callintel.ams.poll-delay=100", "callintel.ams.breaker-open-for=1s"};

    @TempDir
    Path dataDir;

    @Test
    void restartInTheMiddleOfRetriesStillWritesEveryNoteExactlyOnce() throws Exception {
        UUID orgId = UUID.randomUUID();
        String key = EndpointKeys.generate();
        try (AppliedEpicSimulator epic = AppliedEpicSimulator.builder().port(0).build()) {
            epic.start();
            epic.goDown();
            try (ConfigurableApplicationContext first = StandaloneHub.start(dataDir, FAST_RETRIES)) {
                StandaloneHub.seedZoomAccount(first, orgId, key);
                connect(first, orgId, epic);
                String template = Files.readString(Path.of("../shared/fixtures/voip/zoom/inbound-completed.json"));
                for (int i = 0; i < CALLS; i++) {
                    StandaloneHub.sendZoom(first, key, template.replace("7412000000000000001", "restart-" + i)
                            .getBytes(StandardCharsets.UTF_8));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> StandaloneHub.count(first,
                        "select count(*) from ams_sync where org_id = :org and attempts >= 2", orgId) == CALLS);
            }

            epic.comeUp();
            try (ConfigurableApplicationContext second = StandaloneHub.start(dataDir, FAST_RETRIES)) {
                letThrough(second, epic);
                await().atMost(Duration.ofSeconds(60)).until(() -> StandaloneHub.count(second,
                        "select count(*) from ams_sync where org_id = :org and status = 'synced'", orgId) == CALLS);
            }
            assertThat(epic.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.ACTIVITY))
                    .as("one activity per call, none lost, none doubled").hasSize(CALLS);
        }
    }

    /** This test's own Epic simulator listens on loopback: let the hub's egress policy reach exactly it. */
    private static void letThrough(ConfigurableApplicationContext hub, AppliedEpicSimulator epic) {
        hub.getBean(com.callintel.hub.egress.EgressPolicy.class).allowSandboxSimulator(epic.baseUrl());
    }

    private static void connect(ConfigurableApplicationContext hub, UUID orgId, AppliedEpicSimulator epic) {
        letThrough(hub, epic);
        hub.getBean(AmsConnectionRepository.class).save(orgId, "applied-epic", epic.baseUrl(),
                "{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"fake-client-secret-0001\"}", "65536",
                "{\"agencyId\":\"a1\",\"branchId\":\"b2\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}", "test");
    }
}
