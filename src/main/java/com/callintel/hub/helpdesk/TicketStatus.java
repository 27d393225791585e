package com.callintel.hub.helpdesk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a support ticket stands: open (new), in progress (support works on it), waiting on the customer (support
 * asked something), resolved (support believes it is done) and closed (final: a closed ticket no longer changes).
 */
enum TicketStatus {
    OPEN("open", "open"),
    IN_PROGRESS("in-progress", "in progress"),
    WAITING_ON_CUSTOMER("waiting-on-customer", "waiting on you"),
    RESOLVED("resolved", "resolved"),
    CLOSED("closed", "closed");

    private final String wire;
    private final String label;

    TicketStatus(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    /** The name in the API and the database. */
    String wire() {
        return wire;
    }

    /** How the reporter's mail says it. */
    String label() {
        return label;
    }

    static Optional<TicketStatus> of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(TicketStatus::wire).toList();
    }
}
