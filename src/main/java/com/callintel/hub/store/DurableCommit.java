package com.callintel.hub.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A transaction whose commit must wait for the disk whatever the database's default says: an acknowledgement
 * to a provider (the provider forgets the event once it has its 2xx) and an AMS-sync lease (it flushes the
 * relaxed commits before it, see {@link RelaxedCommit}). An external database configured with
 * {@code synchronous_commit = off} would otherwise lose both in a crash. The opposite of {@link RelaxedCommit}.
 */
public final class DurableCommit {

    /**
     * For a single-statement transaction (auto-commit), without a round trip of its own: select from this as a
     * one-row source ({@code from (<this>) durable}) so the setting is made before the row is written.
     */
    public static final String SET_IN_STATEMENT = "select set_config('synchronous_commit', 'on', true)";

    private DurableCommit() {
    }

    /** Call inside the transaction, before its first statement. */
    public static void forThisTransaction(JdbcClient jdbc) {
        jdbc.sql("set local synchronous_commit = on").update();
    }
}
