package com.callintel.hub.store;

import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import com.callintel.hub.CallIntelHubApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The hub takes LISTEN only from a session: behind a transaction pooler it refuses to start and names the setting. */
class SessionConnectionsTest {

    private static final Duration CHECK_WAIT = Duration.ofSeconds(2);

    private static EmbeddedPostgres postgres;
    private static TransactionPooler pooler;

    @BeforeAll
    static void startDatabaseAndPooler() throws Exception {
        assumeTrue(Files.isExecutable(TransactionPooler.BINARY), "Debian's pgbouncer package is installed");
        postgres = EmbeddedPostgres.builder().start();
        pooler = TransactionPooler.inFrontOf(postgres.getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (pooler != null) {
            pooler.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void pooledUrlAloneIsRefusedNamingTheDirectUrlSetting() {
        assertThatThrownBy(() -> new SessionConnections(pooled(), "", "postgres", "", CHECK_WAIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not work through spring.datasource.url (CALLINTEL_DB_URL)")
                .hasMessageContaining("set callintel.db.direct-url (CALLINTEL_DB_DIRECT_URL)");
    }

    @Test
    void directUrlThatIsPooledTooIsRefusedNamingIt() {
        assertThatThrownBy(() -> new SessionConnections(pooled(), pooler.jdbcUrl(), "postgres", "", CHECK_WAIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not work through callintel.db.direct-url (CALLINTEL_DB_DIRECT_URL)");
    }

    @Test
    void pooledUrlWithDirectUrlListensOnTheDirectDatabase() throws Exception {
        SessionConnections sessions = new SessionConnections(pooled(), direct(), "postgres", "", CHECK_WAIT);

        try (Connection session = sessions.open()) {
            assertThat(session.getMetaData().getURL()).contains(":" + postgres.getPort() + "/");
        }
    }

    @Test
    void oneDirectUrlServesBothKindsAsTheEmbeddedDatabaseDoes() throws Exception {
        DataSource direct = postgres.getPostgresDatabase();
        SessionConnections sessions = new SessionConnections(direct, "", "postgres", "", CHECK_WAIT);

        try (Connection session = sessions.open()) {
            assertThat(session.getMetaData().getURL()).contains(":" + postgres.getPort() + "/");
        }
    }

    @Test
    void ordinaryWorkGoesThroughThePooler() throws Exception {
        try (Connection connection = pooled().getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
        }
    }

    @Test
    void theHubRefusesToStartWithOnlyAPooledUrl() {
        SpringApplicationBuilder hub = new SpringApplicationBuilder(CallIntelHubApplication.class);

        assertThatThrownBy(() -> hub.run("--spring.datasource.url=" + pooler.jdbcUrl(), "--spring.datasource.username=postgres",
                "--server.port=0", "--management.server.port=0", "--callintel.public-base-url=https://hub.test",
                "--callintel.db.session-check-wait=2s").close())
                .hasStackTraceContaining("LISTEN/NOTIFY does not work through spring.datasource.url (CALLINTEL_DB_URL)")
                .hasStackTraceContaining("set callintel.db.direct-url (CALLINTEL_DB_DIRECT_URL)");
    }

    private static DataSource pooled() {
        PGSimpleDataSource pooled = new PGSimpleDataSource();
        pooled.setUrl(pooler.jdbcUrl());
        pooled.setUser("postgres");
        return pooled;
    }

    private static String direct() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
