package com.callintel.hub.connectorcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.callintel.hub.ams.AmsNoteOutbox;
import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.CallLedger;
import com.callintel.hub.calls.SmsEvent;
import com.callintel.hub.tenancy.Organization;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A throw-away PostgreSQL (zonky embedded, as the tests and the default run use) with the hub's schema (the Flyway
 * migrations), where the connector check merges a scenario's canonical events with the hub's own ledger
 * ({@link CallLedger}) and reads back the rows, as the hub would store them. Deleted on close.
 */
final class ThrowawayStore implements AutoCloseable {

    /** The region and zone a new organization gets (the schema's defaults, and the test tenants'). */
    static final String REGION = "US";
    static final String TIME_ZONE = "America/Chicago";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedPostgres postgres;
    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;
    private final CallLedger ledger;

    private ThrowawayStore(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.dataSource = new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
        Flyway.configure(ThrowawayStore.class.getClassLoader()).dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.ledger = new CallLedger(new NamedParameterJdbcTemplate(dataSource), new AmsNoteOutbox());
    }

    /** Starts PostgreSQL in a temporary folder and migrates it (about 3 s). */
    static ThrowawayStore start() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("the throw-away PostgreSQL did not start", e);
        }
        try {
            return new ThrowawayStore(postgres);
        } catch (RuntimeException e) {
            close(postgres);
            throw e;
        }
    }

    /** Adds an organization (each run of a scenario has its own, so it starts from no rows). */
    void add(Organization org) {
        jdbc.sql("insert into organization (id, name, default_region, time_zone) values (?, ?, ?, ?)")
                .params(org.id(), org.name(), org.defaultRegion(), org.timeZone()).update();
    }

    /** Merges the events of one webhook, in their order, as processing records a batch. */
    void record(List<CallEvent> calls, List<SmsEvent> messages) {
        ledger.recordCalls(calls);
        ledger.recordMessages(messages);
    }

    /** The stored calls of the organization and provider, each row as JSON by column name. */
    List<JsonNode> calls(Organization org, String provider) {
        return rows("call", "provider_call_id", org, provider);
    }

    List<JsonNode> messages(Organization org, String provider) {
        return rows("sms_message", "provider_message_id", org, provider);
    }

    private List<JsonNode> rows(String table, String idColumn, Organization org, String provider) {
        // table and column are constants of this class, never input
        return jdbc.sql("select to_jsonb(t)::text from " + table + " t where org_id = ? and provider = ? order by " + idColumn)
                .params(org.id(), provider).query(String.class).list().stream().map(ThrowawayStore::json).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        dataSource.destroy();
        close(postgres);
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
