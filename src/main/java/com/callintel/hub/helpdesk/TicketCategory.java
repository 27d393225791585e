package com.callintel.hub.helpdesk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a support ticket is about: a fixed small set, so support can sort the inbox at a glance. */
enum TicketCategory {
    QUESTION("question", "Question"),
    PROBLEM("problem", "Something does not work"),
    BILLING("billing", "Billing"),
    PRIVACY("privacy", "Privacy and data"),
    CONNECTOR("connector", "Phone provider or AMS connector");

    private final String wire;
    private final String title;

    TicketCategory(String wire, String title) {
        this.wire = wire;
        this.title = title;
    }

    String wire() {
        return wire;
    }

    String title() {
        return title;
    }

    static Optional<TicketCategory> of(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(TicketCategory::wire).toList();
    }
}
