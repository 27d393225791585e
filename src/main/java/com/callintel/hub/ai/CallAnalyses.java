package com.callintel.hub.ai;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The analysis queue (table {@code call_analysis}) and the organizations' AI settings and token use: every
 * statement on those tables is here. One analysis per call and transcript version: the unique key is the
 * transcript's MD5, so a redelivered transcript finds its analysis already asked for.
 */
@Repository
public class CallAnalyses {

    /**
     * The queue step of recording a call, a CTE after {@code changed(org_id, id, …, transcript_md5)} (the ledger's
     * upsert, {@link AnalysisOutbox}): a call of an organization with AI on that has a transcript version not yet
     * asked for gets its analysis queued in the same statement, so a recorded transcript can never miss it.
     */
    static final String ANALYSIS_DUE = """
            , analysis_due as (
                insert into call_analysis (org_id, call_id, transcript_md5)
                select c.org_id, c.id, c.transcript_md5 from changed c
                where c.transcript_md5 is not null
                  and exists (select 1 from ai_setting s where s.org_id = c.org_id and s.enabled)
                on conflict (org_id, call_id, transcript_md5) do nothing)
            """;

    /** A leased analysis. */
    record Job(UUID orgId, long id, long callId, String transcriptMd5, int attempts) {
    }

    /** An organization's AI setting; the key still sealed. */
    record Setting(UUID orgId, boolean enabled, String sealedKey, Instant keyRefusedAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    CallAnalyses(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Leases up to {@code limit} due analyses; a lease that ends with its node is taken again after it. */
    List<Job> claim(int limit, Duration lease) {
        return jdbc.sql("""
                with due as (
                    select org_id, id from call_analysis
                    where status in ('pending', 'analysing') and next_attempt_at <= now()
                    order by next_attempt_at
                    limit :limit
                    for update skip locked)
                update call_analysis a set status = 'analysing', attempts = a.attempts + 1,
                    next_attempt_at = now() + make_interval(secs => :lease)
                from due where a.org_id = due.org_id and a.id = due.id
                returning a.org_id, a.id, a.call_id, a.transcript_md5, a.attempts
                """)
                .param("limit", limit).param("lease", lease.toSeconds())
                .query((rs, n) -> new Job(rs.getObject("org_id", UUID.class), rs.getLong("id"), rs.getLong("call_id"),
                        rs.getString("transcript_md5"), rs.getInt("attempts")))
                .list();
    }

    Optional<Setting> setting(UUID orgId) {
        return jdbc.sql("select org_id, enabled, api_key_sealed, key_refused_at from ai_setting where org_id = :org")
                .param("org", orgId)
                .query((rs, n) -> new Setting(rs.getObject("org_id", UUID.class), rs.getBoolean("enabled"),
                        rs.getString("api_key_sealed"), instant(rs, "key_refused_at")))
                .optional();
    }

    /** Switches analysis on or off; a new key (sealed) replaces the old one and is trusted again. */
    void saveSetting(UUID orgId, boolean enabled, String sealedKeyOrNull) {
        jdbc.sql("""
                insert into ai_setting (org_id, enabled, api_key_sealed) values (:org, :enabled, :key)
                on conflict (org_id) do update set enabled = excluded.enabled,
                    api_key_sealed = coalesce(excluded.api_key_sealed, ai_setting.api_key_sealed),
                    key_refused_at = case when excluded.api_key_sealed is null then ai_setting.key_refused_at end,
                    updated_at = now()
                """)
                .param("org", orgId).param("enabled", enabled).param("key", sealedKeyOrNull).update();
    }

    void keyRefused(UUID orgId) {
        jdbc.sql("update ai_setting set key_refused_at = now() where org_id = :org and key_refused_at is null")
                .param("org", orgId).update();
    }

    long tokensSpent(UUID orgId, LocalDate day) {
        return tokenUse(orgId, day).tokens();
    }

    /** An organization's tokens spent on a day, and whether its admins were told the budget is spent. */
    record TokenUse(long tokens, boolean budgetAlerted) {
    }

    TokenUse tokenUse(UUID orgId, LocalDate day) {
        return jdbc.sql("select tokens, budget_alerted_at is not null from ai_token_use where org_id = :org and day = :day")
                .param("org", orgId).param("day", day)
                .query((rs, row) -> new TokenUse(rs.getLong(1), rs.getBoolean(2))).optional()
                .orElse(new TokenUse(0, false));
    }

    void spend(UUID orgId, LocalDate day, long tokens) {
        jdbc.sql("""
                insert into ai_token_use (org_id, day, tokens) values (:org, :day, :tokens)
                on conflict (org_id, day) do update set tokens = ai_token_use.tokens + excluded.tokens
                """)
                .param("org", orgId).param("day", day).param("tokens", tokens).update();
    }

    /** True once a day per organization: the moment to tell its admins the budget is spent. */
    boolean budgetAlertDue(UUID orgId, LocalDate day) {
        return jdbc.sql("""
                insert into ai_token_use (org_id, day, budget_alerted_at) values (:org, :day, now())
                on conflict (org_id, day) do update set budget_alerted_at = now()
                    where ai_token_use.budget_alerted_at is null
                returning 1
                """)
                .param("org", orgId).param("day", day).query(Integer.class).optional().isPresent();
    }

    /** The analysis is in: its fields, and the note's version moves on (the caller's transaction). */
    void done(Job job, AnthropicAnalyst.Answer answer) {
        jdbc.sql("""
                update call_analysis set status = 'done', summary = :summary, intent = :intent, sentiment = :sentiment,
                    actions = cast(:actions as jsonb), analysed_chars = :analysed, transcript_chars = :chars,
                    model = :model, input_tokens = :in, output_tokens = :out, analysed_at = now(), last_error = null
                where org_id = :org and id = :id
                """)
                .param("org", job.orgId()).param("id", job.id())
                .param("summary", answer.analysis().summary()).param("intent", answer.analysis().intent())
                .param("sentiment", answer.analysis().sentiment()).param("actions", actionsJson(answer.analysis()))
                .param("analysed", answer.analysedChars()).param("chars", answer.transcriptChars())
                .param("model", answer.model()).param("in", answer.inputTokens()).param("out", answer.outputTokens())
                .update();
    }

    /** Another attempt after {@code delay}, unless this was the last: then dead. Returns whether it will retry. */
    boolean retryLater(Job job, Duration delay, int maxAttempts, String reason) {
        if (job.attempts() >= maxAttempts) {
            dead(job, "gave up after " + job.attempts() + " attempts: " + reason);
            return false;
        }
        jdbc.sql("""
                update call_analysis set status = 'pending', last_error = :reason,
                    next_attempt_at = now() + make_interval(secs => :delay)
                where org_id = :org and id = :id
                """)
                .param("org", job.orgId()).param("id", job.id()).param("reason", reason)
                .param("delay", delay.toMillis() / 1000.0).update();
        return true;
    }

    /** Waits until {@code until} without spending an attempt (the budget is spent for today). */
    void postpone(Job job, Instant until, String reason) {
        jdbc.sql("""
                update call_analysis set status = 'pending', attempts = greatest(attempts - 1, 0), last_error = :reason,
                    next_attempt_at = :until
                where org_id = :org and id = :id
                """)
                .param("org", job.orgId()).param("id", job.id()).param("reason", reason)
                .param("until", Timestamp.from(until)).update();
    }

    void dead(Job job, String reason) {
        settle(job, "dead", reason);
    }

    /** A newer transcript replaced the one this analysis was for (its own analysis is queued). */
    void superseded(Job job) {
        settle(job, "superseded", "a newer transcript replaced this one");
    }

    private void settle(Job job, String status, String reason) {
        jdbc.sql("update call_analysis set status = :status, last_error = :reason where org_id = :org and id = :id")
                .param("org", job.orgId()).param("id", job.id()).param("status", status).param("reason", reason)
                .update();
    }

    /** The organization's analyses created since {@code since}, by status (every status present, zero or not). */
    Map<String, Long> countsSince(UUID orgId, Instant since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of("pending", "analysing", "done", "superseded", "dead")) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) as n from call_analysis where org_id = :org and created_at >= :since group by status")
                .param("org", orgId).param("since", Timestamp.from(since))
                .query((rs, n) -> counts.put(rs.getString("status"), rs.getLong("n"))).list();
        return counts;
    }

    /** The latest analysis of a call still holding its texts. */
    Optional<StoredAnalysis> latest(UUID orgId, long callId) {
        return jdbc.sql("""
                select summary, intent, sentiment, actions::text as actions, analysed_chars, transcript_chars
                from call_analysis
                where org_id = :org and call_id = :call and status = 'done' and purged_at is null
                order by analysed_at desc limit 1
                """)
                .param("org", orgId).param("call", callId)
                .query((rs, n) -> new StoredAnalysis(new CallAnalysis(rs.getString("summary"), rs.getString("intent"),
                        rs.getString("sentiment"), actions(rs.getString("actions"))),
                        rs.getInt("analysed_chars"), rs.getInt("transcript_chars")))
                .optional();
    }

    /** An analysis as stored, with how much of its transcript it read. */
    record StoredAnalysis(CallAnalysis analysis, int analysedChars, int transcriptChars) {
    }

    static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private String actionsJson(CallAnalysis analysis) {
        ArrayNode list = mapper.createArrayNode();
        for (CallAnalysis.FollowUp action : analysis.actions()) {
            var item = list.addObject().put("text", action.text());
            if (action.due() != null) {
                item.put("due_date", action.due().toString());
            }
        }
        return list.toString();
    }

    private List<CallAnalysis.FollowUp> actions(String json) {
        List<CallAnalysis.FollowUp> actions = new ArrayList<>();
        if (json == null) {
            return actions;
        }
        try {
            for (JsonNode item : mapper.readTree(json)) {
                actions.add(new CallAnalysis.FollowUp(item.path("text").asText(),
                        item.hasNonNull("due_date") ? LocalDate.parse(item.path("due_date").asText()) : null));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call_analysis.actions is not the JSON the hub wrote", e);
        }
        return actions;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
