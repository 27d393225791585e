package com.callintel.hub.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates over the direct URL when one is configured: DDL, its lock and its per-migration transactions
 * belong on a session of their own, not on whichever server connection a pooler lends next.
 */
@Configuration(proxyBeanMethods = false)
class DirectMigrations {

    @Bean
    FlywayConfigurationCustomizer migrateOverDirectUrl(@Value("${" + SessionConnections.DIRECT_URL_SETTING + ":}") String directUrl,
                                                       @Value("${spring.datasource.username:}") String user,
                                                       @Value("${spring.datasource.password:}") String password) {
        return configuration -> {
            if (!directUrl.isBlank()) {
                configuration.dataSource(directUrl, user, password);
            }
        };
    }
}
