package com.callintel.hub.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production jar holds the hub only (issue 18): no simulator, demo data, sample sender, embedded PostgreSQL,
 * development identity provider or GreenMail. Run by failsafe after {@code package}, on the jar just built.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of(System.getProperty("callintel.hub.jar", "target/callintel-hub-0.1.0-SNAPSHOT.jar"));

    @Test
    void theProductionJarHoldsTheHubAndNothingOfTheSandbox() throws Exception {
        assertThat(JAR).as("run after ./mvnw package").isRegularFile();
        List<String> entries = ProductionJarContents.entries(JAR);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo("com.callintel.hub.CallIntelHubApplication");
        }
        assertThat(entries).as("a hub jar").contains("BOOT-INF/classes/com/callintel/hub/CallIntelHubApplication.class")
                .anyMatch(name -> name.startsWith("BOOT-INF/lib/postgresql-"));
        assertThat(ProductionJarContents.sandboxEntries(entries))
                .as("nothing of the sandbox in the jar (a target folder built before the sandbox moved to the test tree"
                        + " still holds its classes: ./mvnw clean verify)").isEmpty();
    }
}
