package com.callintel.hub.analytics;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analytics facts are derived data (the reconcile re-derives any a crash loses), so their commits do not wait for
 * the disk: under load, an fsync per processed batch would compete with the acknowledgements' commits. A trigger
 * records the setting each fact statement ran with, inside its transaction.
 */
class AnalyticsCommitTest extends AnalyticsTestSupport {

    @BeforeEach
    void recordCommitModes() {
        jdbc.sql("create table if not exists fact_commit_mode_seen (tbl text, mode text)").update();
        jdbc.sql("""
                create or replace function record_fact_commit_mode() returns trigger language plpgsql as $$
                begin
                    insert into fact_commit_mode_seen values (tg_table_name, current_setting('synchronous_commit'));
                    return null;
                end $$""").update();
        jdbc.sql("create or replace trigger call_fact_commit_mode after insert or update on call_fact "
                + "for each statement execute function record_fact_commit_mode()").update();
    }

    @AfterEach
    void dropTrigger() {
        jdbc.sql("drop trigger if exists call_fact_commit_mode on call_fact").update();
        jdbc.sql("drop table if exists fact_commit_mode_seen").update();
    }

    @Test
    void aCallsFactIsCommittedWithoutWaitingForTheDisk() {
        TestTenant tenant = newTenant();

        sendZoom(tenant, ZoomEvent.ended("relaxed-1", true, "zU_a", "2026-03-09T15:00:00Z", 10, 300, "Call connected"));
        awaitFacts(tenant, 1);

        List<String> modes = jdbc.sql("select mode from fact_commit_mode_seen where tbl = 'call_fact'")
                .query(String.class).list();
        assertThat(modes).as("the settings the call_fact statements ran with").isNotEmpty().containsOnly("off");
    }
}
