package com.callintel.hub.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A transaction whose commit need not wait for the disk: work the hub can redo from what is already durable
 * (the stored webhook, the purge's own criteria). A crash can lose such a commit only in the last fraction of a
 * second before it, and any later waiting commit (an intake acknowledgement, an AMS note's record id) flushes it
 * first. Acknowledgements to providers and AMS record ids always wait.
 */
public final class RelaxedCommit {

    /**
     * The same as a select-list item ({@code select <this>, …}), for a transaction that makes other settings with
     * its first statement anyway: no round trip of its own.
     */
    public static final String SET_IN_SELECT = "set_config('synchronous_commit', 'off', true)";

    private RelaxedCommit() {
    }

    /** Call inside the transaction, before its first statement. */
    public static void forThisTransaction(JdbcClient jdbc) {
        jdbc.sql("set local synchronous_commit = off").update();
    }
}
