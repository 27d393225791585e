package com.callintel.hub.calls;

/**
 * What recording a call or an SMS leaves for the AMS sync, in the same statement (the outbox): the sync owns its
 * table and hands the ledger its step, so the ledger never knows the AMS side.
 */
public interface CallOutbox {

    /** The main statement after a CTE {@code changed(org_id, id, state_rank, ams_target_id)}: the call as it now is. */
    String afterCall();

    /** The main statement after a CTE {@code recorded(org_id, id)}: the message. */
    String afterMessage();
}
