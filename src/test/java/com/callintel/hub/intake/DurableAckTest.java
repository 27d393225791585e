package com.callintel.hub.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.callintel.hub.ams.AmsSyncQueue;
import com.callintel.hub.support.HubIntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acknowledged webhook and an AMS-sync lease wait for the disk even when the database's own default says not
 * to ({@code synchronous_commit = off}, as an external database may be configured): the hub asks for it itself.
 * A trigger records the setting each statement ran with, inside its transaction.
 */
// a context of its own: the database-wide setting below must not reach other test classes
@TestPropertySource(properties = "callintel.test.context=durable-ack")
class DurableAckTest extends HubIntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    AmsSyncQueue syncQueue;

    @BeforeEach
    void databaseDefaultDoesNotWaitForTheDisk() throws Exception {
        jdbc.sql("create table if not exists commit_mode_seen (tbl text, query text, mode text)").update();
        jdbc.sql("""
                create or replace function record_commit_mode() returns trigger language plpgsql as $$
                begin
                    insert into commit_mode_seen values (tg_table_name, current_query(), current_setting('synchronous_commit'));
                    return null;
                end $$""").update();
        jdbc.sql("create or replace trigger inbound_event_commit_mode after insert on inbound_event "
                + "for each statement execute function record_commit_mode()").update();
        jdbc.sql("create or replace trigger ams_sync_commit_mode after update on ams_sync "
                + "for each statement execute function record_commit_mode()").update();
        jdbc.sql("do $$ begin execute format('alter database %I set synchronous_commit = off', current_database()); end $$")
                .update();
        freshConnections("off");
    }

    @AfterEach
    void databaseDefaultRestored() throws Exception {
        jdbc.sql("drop trigger if exists inbound_event_commit_mode on inbound_event").update();
        jdbc.sql("drop trigger if exists ams_sync_commit_mode on ams_sync").update();
        jdbc.sql("do $$ begin execute format('alter database %I reset synchronous_commit', current_database()); end $$")
                .update();
        freshConnections("on");
    }

    @Test
    void acknowledgedWebhookIsCommittedWaitingForTheDisk() {
        TestTenant tenant = newTenant();

        var response = post("/webhooks/goto/" + tenant.endpointKey("goto"),
                "{\"source\":\"messaging\",\"content\":{\"id\":\"durable-1\",\"direction\":\"IN\"}}".getBytes(),
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(modesSeen("inbound_event", "insert into inbound_event")).isNotEmpty().containsOnly("on");
    }

    @Test
    void amsSyncLeaseIsCommittedWaitingForTheDisk() {
        syncQueue.claim(java.util.Map.of());

        assertThat(modesSeen("ams_sync", "'syncing'")).isNotEmpty().containsOnly("on");
    }

    private List<String> modesSeen(String table, String queryPart) {
        return jdbc.sql("select mode from commit_mode_seen where tbl = :table and query like :query")
                .param("table", table).param("query", "%" + queryPart + "%").query(String.class).list();
    }

    /**
     * A database-level setting applies to new sessions only. A connection the pool was opening while the setting
     * changed joins it after the eviction with the old setting, so evict until a fresh session shows the new one.
     */
    private void freshConnections(String databaseDefault) throws java.sql.SQLException {
        var pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            pool.softEvictConnections();
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).as("the database default")
                    .isEqualTo(databaseDefault);
        });
    }
}
