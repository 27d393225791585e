package com.callintel.hub.access;

import java.util.HashMap;
import java.util.Map;

import com.callintel.hub.CallIntelHubApplication;
import com.callintel.hub.sandbox.SandboxConfiguration;
import com.callintel.hub.sandbox.SandboxHubApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The development identity provider (tokens for anyone) never runs where real data may live: with it on, the hub
 * refuses to start against an external database or next to a real issuer, and seeds nothing there.
 */
class DevIssuerGuardTest {

    private static final String DEV_ISSUER = "http://localhost:{port}/dev";
    private static final String DEV_JWKS = "http://localhost:{port}/dev/.well-known/jwks.json";

    @Test
    void hubWithTheDevelopmentIssuerRefusesToStartOnAnExternalDatabaseAndSeedsNothingThere() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext[] started = new ConfigurableApplicationContext[1];
            try {
                assertThatThrownBy(() -> started[0] = start(url)).hasMessageContaining("development identity provider")
                        .hasMessageContaining("external database");
            } finally {
                if (started[0] != null) {
                    started[0].close();
                }
            }
            JdbcClient database = JdbcClient.create(external.getPostgresDatabase());
            assertThat(database.sql("select count(*) from information_schema.tables where table_name = 'organization'")
                    .query(Long.class).single()).as("no migration, no demo organization").isZero();
        }
    }

    @Test
    void developmentIssuerNextToARealIssuerIsRefused() {
        assertThatThrownBy(() -> guard(Map.of("callintel.access.issuer", "https://clerk.agency-hub.example")))
                .hasMessageContaining("CALLINTEL_JWT_ISSUER");
        assertThatThrownBy(() -> guard(Map.of("callintel.access.jwks-uri", "https://clerk.agency-hub.example/.well-known/jwks.json")))
                .hasMessageContaining("CALLINTEL_JWKS_URI");
    }

    @Test
    void defaultRunAndProductionStart() {
        assertThatCode(() -> guard(Map.of())).as("default run: embedded database, dev issuer").doesNotThrowAnyException();
        assertThatCode(() -> guard(Map.of("callintel.access.dev-issuer.enabled", "false",
                "spring.datasource.url", "jdbc:postgresql://db.example:5432/callintel",
                "callintel.access.issuer", "https://clerk.agency-hub.example")))
                .as("production: dev issuer off").doesNotThrowAnyException();
        assertThatCode(() -> guard(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "callintel.access.dev-issuer.allow-external-database", "true")))
                .as("a test node sharing another node's embedded database").doesNotThrowAnyException();
    }

    private static void guard(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(Map.of("callintel.access.dev-issuer.enabled", "true",
                "callintel.access.issuer", DEV_ISSUER, "callintel.access.jwks-uri", DEV_JWKS));
        all.putAll(properties);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", all));
        new DevIssuerGuard().postProcessEnvironment(environment, null);
    }

    /** The whole hub as the default run starts it, but pointed at an external database. */
    private static ConfigurableApplicationContext start(String databaseUrl) {
        return new SpringApplicationBuilder(CallIntelHubApplication.class, SandboxConfiguration.class).run(
                "--" + SandboxHubApplication.SETTINGS, "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
                "--server.port=0", "--management.server.port=0", "--spring.jmx.unique-names=true",
                "--camel.main.name=guard-" + System.nanoTime(), "--spring.quartz.scheduler-name=guard-" + System.nanoTime(),
                "--callintel.sandbox.mailbox=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
    }
}
