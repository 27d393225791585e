package com.callintel.hub.calls;

/** Where a call is in its life; a call only ever moves forward, whatever order its events arrive in. */
public enum CallState {
    RINGING(1), ANSWERED(2), ENDED(3), SUMMARIZED(4);

    private final int rank;

    CallState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wire() {
        return name().toLowerCase();
    }
}
