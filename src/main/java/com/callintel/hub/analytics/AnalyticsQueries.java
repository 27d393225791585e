package com.callintel.hub.analytics;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The analytics views, computed from the facts at question time and bucketed in the organization's time zone
 * ({@code at time zone}), so midnight and DST days fall where the agency lived them. Every query is scoped by
 * the organization and the instant range of {@link AnalyticsRange}.
 */
@Repository
class AnalyticsQueries {

    /** The facts of the range, for the (optional) direction. */
    private static final String CALLS_IN_RANGE = """
            f.org_id = :org and f.started_at >= :start and f.started_at < :end
            and (cast(:direction as text) is null or f.direction = cast(:direction as text))
            """;

    private final JdbcClient jdbc;

    AnalyticsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Totals(LocalDate from, LocalDate to, String timeZone, String direction, CallFigures calls,
                  long smsInbound, long smsOutbound, long amsSynced, long amsFailed, long amsUnmatched,
                  long amsNeedsChoice, long amsRetrying) {
    }

    Totals totals(AnalyticsRange range) {
        CallFigures calls = scoped("select " + CallFigures.SQL + " from call_fact f where " + CALLS_IN_RANGE, range)
                .query((rs, n) -> CallFigures.read(rs)).single();
        Map<String, Long> sms = new HashMap<>();
        scoped("""
                select f.direction, count(*) as n from sms_fact f
                where f.org_id = :org and f.sent_at >= :start and f.sent_at < :end group by f.direction
                """, range).query((rs, n) -> sms.put(rs.getString("direction"), rs.getLong("n"))).list();
        Map<String, Long> ams = new HashMap<>();
        scoped("""
                select f.status, count(*) as n from ams_sync_fact f
                where f.org_id = :org and f.settled_at >= :start and f.settled_at < :end group by f.status
                """, range).query((rs, n) -> ams.put(rs.getString("status"), rs.getLong("n"))).list();
        return new Totals(range.from(), range.to(), range.zone().getId(), range.direction(), calls,
                sms.getOrDefault("inbound", 0L), sms.getOrDefault("outbound", 0L), ams.getOrDefault("synced", 0L),
                ams.getOrDefault("dead", 0L), ams.getOrDefault("unmatched", 0L), ams.getOrDefault("needs_choice", 0L),
                ams.getOrDefault("pending", 0L));
    }

    /** One agent's line: the member id when the agent mapping knows them, else the provider's agent id. */
    record AgentLine(int rank, String agent, String memberId, String provider, String agentId, String extension,
                     CallFigures calls) {
    }

    record Leaderboard(LocalDate from, LocalDate to, String timeZone, String measure, List<AgentLine> agents) {
    }

    /** The agents, best first by {@code measure} (ties: more answered calls, then more calls, then name). */
    Leaderboard leaderboard(AnalyticsRange range, LeaderboardMeasure measure) {
        List<AgentLine> lines = new ArrayList<>(scoped("""
                select coalesce(m.member_id, f.member_id, f.provider || ':' || f.agent_id) as agent_key,
                    min(coalesce(m.member_id, f.member_id)) as member_id,
                    min(f.provider) as provider, min(f.agent_id) as agent_id, max(f.agent_extension) as extension,
                """ + CallFigures.SQL + """
                from call_fact f
                left join agent_mapping m on m.org_id = f.org_id and m.provider = f.provider
                    and m.provider_user_id = f.agent_id
                """ + "where " + CALLS_IN_RANGE + """
                    and (f.agent_id is not null or f.member_id is not null)
                group by 1
                """, range)
                .query((rs, n) -> new AgentLine(0, rs.getString("agent_key"), rs.getString("member_id"),
                        rs.getString("provider"), rs.getString("agent_id"), rs.getString("extension"),
                        CallFigures.read(rs)))
                .list());
        lines.sort(measure.order()
                .thenComparing((AgentLine l) -> l.calls().answered(), Comparator.reverseOrder())
                .thenComparing((AgentLine l) -> l.calls().calls(), Comparator.reverseOrder())
                .thenComparing(AgentLine::agent));
        List<AgentLine> ranked = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            AgentLine l = lines.get(i);
            ranked.add(new AgentLine(i + 1, l.agent(), l.memberId(), l.provider(), l.agentId(), l.extension(), l.calls()));
        }
        return new Leaderboard(range.from(), range.to(), range.zone().getId(), measure.wire(), ranked);
    }

    /** Call volume by weekday (Monday first) and hour of the day, in the organization's zone. */
    record HeatMap(LocalDate from, LocalDate to, String timeZone, List<String> weekdays, long[][] calls,
                   long[][] answered, long[][] missed, long[][] voicemail) {
    }

    HeatMap heatMap(AnalyticsRange range) {
        long[][] calls = new long[7][24];
        long[][] answered = new long[7][24];
        long[][] missed = new long[7][24];
        long[][] voicemail = new long[7][24];
        scoped("""
                select extract(isodow from f.started_at at time zone :zone)::int as weekday,
                    extract(hour from f.started_at at time zone :zone)::int as hour,
                """ + CallFigures.SQL + " from call_fact f where " + CALLS_IN_RANGE + " group by 1, 2", range)
                .query((rs, n) -> {
                    int d = rs.getInt("weekday") - 1;
                    int h = rs.getInt("hour");
                    CallFigures figures = CallFigures.read(rs);
                    calls[d][h] = figures.calls();
                    answered[d][h] = figures.answered();
                    missed[d][h] = figures.missed();
                    voicemail[d][h] = figures.voicemail();
                    return null;
                }).list();
        return new HeatMap(range.from(), range.to(), range.zone().getId(),
                List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), calls, answered, missed, voicemail);
    }

    record Day(LocalDate date, CallFigures calls, long smsInbound, long smsOutbound) {
    }

    record Trend(LocalDate from, LocalDate to, String timeZone, List<Day> days) {
    }

    /** Every day of the range (days without calls too), in the organization's calendar. */
    Trend trend(AnalyticsRange range) {
        Map<LocalDate, CallFigures> calls = new HashMap<>();
        scoped("select (f.started_at at time zone :zone)::date as day, " + CallFigures.SQL
                + " from call_fact f where " + CALLS_IN_RANGE + " group by 1", range)
                .query((rs, n) -> calls.put(rs.getObject("day", LocalDate.class), CallFigures.read(rs))).list();
        Map<LocalDate, long[]> sms = new HashMap<>();
        scoped("""
                select (f.sent_at at time zone :zone)::date as day,
                    count(*) filter (where f.direction = 'inbound') as inbound,
                    count(*) filter (where f.direction = 'outbound') as outbound
                from sms_fact f where f.org_id = :org and f.sent_at >= :start and f.sent_at < :end group by 1
                """, range)
                .query((rs, n) -> sms.put(rs.getObject("day", LocalDate.class),
                        new long[] {rs.getLong("inbound"), rs.getLong("outbound")})).list();
        List<Day> days = new ArrayList<>();
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            long[] texts = sms.getOrDefault(d, new long[2]);
            days.add(new Day(d, calls.getOrDefault(d, CallFigures.NONE), texts[0], texts[1]));
        }
        return new Trend(range.from(), range.to(), range.zone().getId(), days);
    }

    /** Calls of one intent in the range. */
    record IntentCount(String intent, long calls) {
    }

    /** Analysed calls of one day by the caller's sentiment. */
    record SentimentDay(LocalDate date, long positive, long neutral, long negative) {
    }

    /**
     * What the AI analyses say about the range: the calls of each intent (most first) and, for every day, the
     * analysed calls by sentiment; {@code analysed} of {@code calls} had an analysis.
     */
    record Intelligence(LocalDate from, LocalDate to, long calls, long analysed, List<IntentCount> intents,
                        List<SentimentDay> sentiment) {
    }

    Intelligence intelligence(AnalyticsRange range) {
        List<IntentCount> intents = scoped("select f.intent, count(*) as calls from call_fact f where "
                + CALLS_IN_RANGE + " and f.intent is not null group by 1 order by 2 desc, 1", range)
                .query((rs, n) -> new IntentCount(rs.getString("intent"), rs.getLong("calls"))).list();
        Map<LocalDate, long[]> moods = new HashMap<>();
        scoped("""
                select (f.started_at at time zone :zone)::date as day,
                    count(*) filter (where f.sentiment = 'positive') as positive,
                    count(*) filter (where f.sentiment = 'neutral') as neutral,
                    count(*) filter (where f.sentiment = 'negative') as negative
                from call_fact f""" + " where " + CALLS_IN_RANGE + " and f.sentiment is not null group by 1", range)
                .query((rs, n) -> moods.put(rs.getObject("day", LocalDate.class),
                        new long[] {rs.getLong("positive"), rs.getLong("neutral"), rs.getLong("negative")})).list();
        List<SentimentDay> days = new ArrayList<>();
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            long[] m = moods.getOrDefault(d, new long[3]);
            days.add(new SentimentDay(d, m[0], m[1], m[2]));
        }
        long[] counts = scoped("select count(*) as calls, count(f.intent) as analysed from call_fact f where "
                + CALLS_IN_RANGE, range).query((rs, n) -> new long[] {rs.getLong("calls"), rs.getLong("analysed")}).single();
        return new Intelligence(range.from(), range.to(), counts[0], counts[1], intents, days);
    }

    private JdbcClient.StatementSpec scoped(String sql, AnalyticsRange range) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("org", range.orgId())
                .param("start", Timestamp.from(range.start())).param("end", Timestamp.from(range.end()));
        if (sql.contains(":zone")) {
            statement = statement.param("zone", range.zone().getId());
        }
        if (sql.contains(":direction")) {
            statement = statement.param("direction", range.direction());
        }
        return statement;
    }
}
