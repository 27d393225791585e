package com.callintel.hub.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The call measures of one group of calls (the whole range, one agent, one day, one hour): counted from the
 * facts by {@link #SQL}, with the answer rate and averages derived here, one way for every view.
 */
record CallFigures(long calls, long inbound, long outbound, long answered, long missed, long voicemail,
                   long talkSeconds, Double answerRate, Long avgTalkSeconds, Long avgRingSeconds) {

    /**
     * The select list over call_fact rows (alias f); missed = ended unanswered without a voicemail, an outbound call
     * nobody picked up ({@code no_answer}) included, as before it had its own outcome.
     */
    static final String SQL = """
            count(*) as calls,
            count(*) filter (where f.direction = 'inbound') as inbound,
            count(*) filter (where f.direction = 'outbound') as outbound,
            count(*) filter (where f.outcome = 'answered') as answered,
            count(*) filter (where f.outcome in ('missed', 'no_answer', 'rejected', 'busy', 'cancelled', 'failed')) as missed,
            count(*) filter (where f.outcome = 'voicemail') as voicemail,
            coalesce(sum(f.talk_seconds) filter (where f.outcome = 'answered'), 0) as talk_seconds,
            avg(f.ring_seconds) filter (where f.outcome = 'answered') as avg_ring
            """;

    static final CallFigures NONE = of(0, 0, 0, 0, 0, 0, 0, null);

    static CallFigures read(ResultSet rs) throws SQLException {
        double ring = rs.getDouble("avg_ring");
        Double avgRing = rs.wasNull() ? null : ring;
        return of(rs.getLong("calls"), rs.getLong("inbound"), rs.getLong("outbound"), rs.getLong("answered"),
                rs.getLong("missed"), rs.getLong("voicemail"), rs.getLong("talk_seconds"), avgRing);
    }

    /**
     * Answer rate: answered among the calls that ended (answered, missed or voicemail), to three decimals; none
     * when nothing ended. Averages are whole seconds over answered calls.
     */
    static CallFigures of(long calls, long inbound, long outbound, long answered, long missed, long voicemail,
                          long talkSeconds, Double avgRing) {
        long ended = answered + missed + voicemail;
        Double rate = ended == 0 ? null : Math.round(1000.0 * answered / ended) / 1000.0;
        Long avgTalk = answered == 0 ? null : Math.round((double) talkSeconds / answered);
        Long ring = avgRing == null ? null : Math.round(avgRing);
        return new CallFigures(calls, inbound, outbound, answered, missed, voicemail, talkSeconds, rate, avgTalk, ring);
    }
}
