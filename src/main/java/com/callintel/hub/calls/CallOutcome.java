package com.callintel.hub.calls;

/**
 * How a call ended. When events disagree, the stronger evidence wins (higher rank): a call that reached
 * voicemail or was answered stays so even if a leg of it reports "missed".
 */
public enum CallOutcome {
    FAILED(1), CANCELLED(2), BUSY(3), REJECTED(4), MISSED(5), ANSWERED(6), VOICEMAIL(7);

    private final int rank;

    CallOutcome(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wire() {
        return name().toLowerCase();
    }
}
