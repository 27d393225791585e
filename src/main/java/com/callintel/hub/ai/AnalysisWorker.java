package com.callintel.hub.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.ams.AmsSyncQueue;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.store.DurableCommit;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one leased analysis to its end: checks that it is still wanted (AI on, a key, the same transcript, budget
 * left), asks Anthropic once, and records the answer with the note's new version in one durable commit — or
 * retries later (honouring {@code retry-after}), or dead-letters it and tells the admins when the key is refused.
 * Neither the transcript nor the reply is ever logged; the audit log records each request (what and whose).
 */
@Component
class AnalysisWorker {

    static final String ALERT_ENDPOINT = "seda:ai-alert?waitForTaskToComplete=Never";
    /** The analytics side takes the intent and sentiment (routes/analytics-events.yaml); only ids travel. */
    static final String ANALYTICS_ENDPOINT = "direct:analytics-call-analysed";
    private static final Logger log = LoggerFactory.getLogger(AnalysisWorker.class);

    private final CallAnalyses analyses;
    private final CallRecords calls;
    private final AnthropicAnalyst analyst;
    private final AmsSyncQueue notes;
    private final AiSwitch ai;
    private final AuditLog audit;
    private final AiProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final ProducerTemplate producer;
    private final Clock clock;

    AnalysisWorker(CallAnalyses analyses, CallRecords calls, AnthropicAnalyst analyst, AmsSyncQueue notes, AiSwitch ai, AuditLog audit,
                   AiProperties properties, TransactionTemplate transactions, JdbcClient jdbc, ProducerTemplate producer,
                   Clock clock) {
        this.analyses = analyses;
        this.calls = calls;
        this.analyst = analyst;
        this.notes = notes;
        this.ai = ai;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.producer = producer;
        this.clock = clock;
    }

    List<CallAnalyses.Job> claim() {
        return analyses.claim(properties.workers(), properties.timeout().plusSeconds(30));
    }

    void run(CallAnalyses.Job job) {
        Optional<CallAnalyses.Setting> setting = analyses.setting(job.orgId());
        if (setting.isEmpty() || !setting.get().enabled()) {
            analyses.dead(job, "AI analysis is switched off for the organization");
            return;
        }
        if (setting.get().sealedKey() == null) {
            analyses.dead(job, "the organization has no Anthropic API key");
            return;
        }
        if (setting.get().keyRefusedAt() != null) {
            analyses.dead(job, "Anthropic refused the organization's API key; an admin must set a new one");
            return;
        }
        Optional<CallRecords.Transcript> transcript = calls.transcript(job.orgId(), job.callId());
        if (transcript.isEmpty()) {
            analyses.dead(job, "the transcript was purged before it could be analysed");
            return;
        }
        if (!transcript.get().md5().equals(job.transcriptMd5())) {
            analyses.superseded(job);
            return;
        }
        LocalDate today = CallAnalyses.today(clock.instant());
        CallAnalyses.TokenUse spent = analyses.tokenUse(job.orgId(), today);
        if (spent.tokens() >= properties.dailyTokenBudget()) {
            analyses.postpone(job, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    "the organization's daily AI token budget is spent; analysed again tomorrow");
            // the alert's upsert locks the day's row that every analysis's spend updates: tried only until it is sent
            if (!spent.budgetAlerted() && analyses.budgetAlertDue(job.orgId(), today)) {
                alert(job.orgId(), AiAlerts.Kind.BUDGET_SPENT);
            }
            return;
        }
        String key = ai.key(setting.get());
        String target = "calls/" + job.callId() + "/analyses/" + job.id();
        try {
            AnthropicAnalyst.Answer answer = analyst.analyse(key, transcript.get().text());
            transactions.executeWithoutResult(tx -> {
                DurableCommit.forThisTransaction(jdbc);
                analyses.done(job, answer);
                analyses.spend(job.orgId(), today, answer.inputTokens() + answer.outputTokens());
                notes.callContentGained(job.orgId(), job.callId());
            });
            audited(job.orgId(), target, 200);
            producer.sendBodyAndHeaders(ANALYTICS_ENDPOINT, null,
                    Map.of("CallIntelOrgId", job.orgId(), "CallIntelCallId", job.callId()));
        } catch (AnthropicAnalyst.ApiFailure failure) {
            audited(job.orgId(), target, failure.status);
            failed(job, failure);
        } catch (AnthropicAnalyst.RefusedReply refused) {
            audited(job.orgId(), target, 200);
            log.warn("AI analysis {} of organization {}: the reply did not keep the schema ({})", job.id(), job.orgId(),
                    refused.getMessage());
            transactions.executeWithoutResult(tx -> {
                analyses.spend(job.orgId(), today, refused.tokens);
                analyses.retryLater(job, backoff(job.attempts()), properties.maxAttempts(),
                        "the reply did not keep the analysis schema: " + refused.getMessage());
            });
        }
    }

    private void failed(CallAnalyses.Job job, AnthropicAnalyst.ApiFailure failure) {
        if (failure.keyRefused()) {
            analyses.keyRefused(job.orgId());
            analyses.dead(job, "Anthropic refused the organization's API key (" + failure.status + " " + failure.type + ")");
            log.warn("AI analysis {} of organization {} dead-lettered: the API key was refused ({})", job.id(), job.orgId(),
                    failure.status);
            alert(job.orgId(), AiAlerts.Kind.KEY_REFUSED);
        } else if (failure.transientFailure()) {
            Duration delay = failure.retryAfter.orElseGet(() -> backoff(job.attempts()));
            boolean again = analyses.retryLater(job, delay, properties.maxAttempts(),
                    "Anthropic answered " + (failure.status == 0 ? "nothing (network)" : failure.status + " " + failure.type));
            log.info("AI analysis {} of organization {}: {} ({})", job.id(), job.orgId(),
                    again ? "retried in " + delay : "dead-lettered", failure.getMessage());
        } else {
            analyses.dead(job, "Anthropic refused the request (" + failure.status + " " + failure.type + ")");
            log.warn("AI analysis {} of organization {} dead-lettered: {}", job.id(), job.orgId(), failure.getMessage());
        }
    }

    /** first-retry, doubling per attempt, at most longest-retry. */
    private Duration backoff(int attempts) {
        Duration delay = properties.firstRetry().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(properties.longestRetry()) > 0 ? properties.longestRetry() : delay;
    }

    private void audited(UUID orgId, String target, int status) {
        audit.record(orgId, "callintel-hub", "system", "POST anthropic /v1/messages", target, status);
    }

    private void alert(UUID orgId, AiAlerts.Kind kind) {
        producer.sendBodyAndHeader(ALERT_ENDPOINT, orgId, AiAlerts.KIND, kind);
    }
}
