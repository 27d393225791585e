package com.callintel.hub.intake;

import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ack path's own small connection pool, apart from the one processing, the AMS sync and the API share: a
 * busy processing batch can never take the connections acknowledgements need, and waiting for one is short.
 * Same database and credentials as the main pool; not a DataSource bean, so Spring's own pool is unchanged.
 */
@Component
class IntakeConnections implements DisposableBean {

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    IntakeConnections(DataSource main, IntakeCapacityProperties capacity) throws java.sql.SQLException {
        HikariDataSource source = main.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(source.getJdbcUrl());
        config.setUsername(source.getUsername());
        config.setPassword(source.getPassword());
        Properties driver = new Properties();
        driver.putAll(source.getDataSourceProperties());
        // a connection stuck on a hung database is given up after this (whole seconds in the driver)
        driver.setProperty("socketTimeout", String.valueOf(Math.max(1, capacity.socketTimeout().toSeconds())));
        config.setDataSourceProperties(driver);
        config.setMaximumPoolSize(capacity.storeConnections());
        config.setMinimumIdle(capacity.storeConnections());
        config.setConnectionTimeout(capacity.connectionTimeout().toMillis());
        config.setValidationTimeout(capacity.connectionTimeout().toMillis());
        // the hub starts while the database may still be coming up: the pool fills in the background
        config.setInitializationFailTimeout(-1);
        config.setPoolName("callintel-intake");
        this.pool = new HikariDataSource(config);
        this.template = new JdbcTemplate(pool);
        this.jdbc = JdbcClient.create(template);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    JdbcTemplate template() {
        return template;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
