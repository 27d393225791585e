package com.callintel.hub.analytics;

import java.util.Arrays;
import java.util.Comparator;

import com.callintel.hub.analytics.AnalyticsQueries.AgentLine;

/** What the leaderboard ranks agents by, best first. */
enum LeaderboardMeasure {
    ANSWERED(Comparator.comparingLong((AgentLine l) -> l.calls().answered()).reversed()),
    TALK_TIME(Comparator.comparingLong((AgentLine l) -> l.calls().talkSeconds()).reversed()),
    ANSWER_RATE(Comparator.comparing((AgentLine l) -> l.calls().answerRate(),
            Comparator.nullsLast(Comparator.reverseOrder()))),
    CALLS(Comparator.comparingLong((AgentLine l) -> l.calls().calls()).reversed());

    private final Comparator<AgentLine> order;

    LeaderboardMeasure(Comparator<AgentLine> order) {
        this.order = order;
    }

    Comparator<AgentLine> order() {
        return order;
    }

    String wire() {
        return name().toLowerCase();
    }

    /** The measure named by the request (default: answered calls), or a 400 problem naming the parameter. */
    static LeaderboardMeasure parse(String value) {
        if (value == null || value.isBlank()) {
            return ANSWERED;
        }
        return Arrays.stream(values()).filter(m -> m.wire().equals(value)).findFirst()
                .orElseThrow(() -> AnalyticsRange.invalid("measure must be one of answered, talk_time, answer_rate, calls."));
    }
}
