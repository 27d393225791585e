package com.callintel.hub.ams;

import java.time.Duration;

import com.callintel.hub.ams.AmsFailures.Decision;
import com.callintel.hub.calls.NoteSource;
import com.callintel.hub.calls.NoteSources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code ams-sync} route: prepare the request for the connector, read the lookup result,
 * settle the job. A connector sees one {@link AmsRequest} (see docs/connectors.md, "AMS connectors").
 */
@Component
public class AmsSync {

    static final String JOB = "CallIntelSyncJob";
    /** The sync's {@link AmsRequest}, kept while a connector answers in the body. */
    static final String REQUEST = "CallIntelAmsRequest";
    static final String MATCH = "CallIntelAmsMatch";
    static final String BREAKER = "CallIntelAmsBreaker";
    static final String STARTED = "CallIntelAmsStarted";
    static final String TYPE = "CallIntelAmsType";
    /** Set when a failure dead-lettered the sync: the reason, for the admins' alert. */
    static final String DEAD_REASON = "CallIntelAmsDeadReason";
    /** Set once this attempt's note is on its way to the AMS. */
    static final String WRITING = "CallIntelAmsWriting";
    /** The AMS record a read-back found holding this write's note. */
    static final String FOUND = "CallIntelAmsFound";
    /** How a sync settled (written, followed-up, unmatched, needs_choice): wire-tapped to analytics. */
    static final String OUTCOME = "CallIntelAmsOutcome";

    private static final Logger log = LoggerFactory.getLogger(AmsSync.class);

    private final AmsSyncQueue queue;
    private final AmsConnectionRepository connections;
    private final NoteSources sources;
    private final NoteComposer composer;
    private final TenantBreakers breakers;
    private final AmsFailures failures;
    private final AmsTokens tokens;
    private final ObjectMapper mapper;

    private final AmsNoteLimits noteLimits;
    private final AmsSyncMetrics metrics;

    AmsSync(AmsSyncQueue queue, AmsConnectionRepository connections, NoteSources sources, NoteComposer composer,
            TenantBreakers breakers, AmsFailures failures, AmsTokens tokens, ObjectMapper mapper,
            AmsNoteLimits noteLimits, AmsSyncMetrics metrics) {
        this.metrics = metrics;
        this.noteLimits = noteLimits;
        this.queue = queue;
        this.connections = connections;
        this.sources = sources;
        this.composer = composer;
        this.breakers = breakers;
        this.failures = failures;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    /** Loads the connection and the call or SMS, writes the note text: the request, in the body and kept. */
    public void prepare(Exchange exchange) {
        SyncJob job = exchange.getIn().getBody(SyncJob.class);
        exchange.setProperty(JOB, job);
        AmsConnection ams = connections.open(job.orgId())
                .orElseThrow(() -> new AmsRefusedException("the organization has no AMS connection any more"));
        NoteSource source = sources.load(job.orgId(), job.sourceKind(), job.sourceId())
                .orElseThrow(() -> new AmsRefusedException("the " + job.sourceKind() + " no longer exists"));
        CircuitBreaker breaker = breakers.acquire(job.orgId(), ams.type());
        exchange.setProperty(BREAKER, breaker);
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(TYPE, ams.type());

        int maxDescription = Integer.parseInt(ams.setting("maxDescriptionLength", "250"));
        int maxText = Integer.parseInt(ams.setting("maxNoteLength", String.valueOf(noteLimits.of(ams.type()))));
        // room for the "Update: " a connector puts before a follow-up note
        NoteComposer.Note note = composer.compose(source, ams, job.noteRef(), maxDescription, maxText - 16);
        request(exchange, AmsRequest.note(ams, job, source, note));
    }

    private static void request(Exchange exchange, AmsRequest request) {
        exchange.setProperty(REQUEST, request);
        exchange.getIn().setBody(request);
    }

    /** Content-enricher strategy: the connector's candidate list becomes the match of the original exchange. */
    public Exchange matchResult(Exchange original, Exchange lookup) {
        if (lookup.getException() != null) {
            original.setException(lookup.getException());
            return original;
        }
        JsonNode candidates = lookup.getIn().getBody(JsonNode.class);
        original.setProperty(MATCH, candidates == null || !candidates.isArray() ? mapper.createArrayNode() : candidates);
        return original;
    }

    public int matchCount(Exchange exchange) {
        JsonNode match = exchange.getProperty(MATCH, JsonNode.class);
        return match == null ? -1 : match.size();
    }

    /**
     * The organization's policy for several matches (setting {@code severalMatches}): "ask" (the default) waits
     * for an agent to choose; "first" writes to the first client the AMS returned.
     */
    public boolean asksWhenSeveralMatch(Exchange exchange) {
        AmsConnection ams = exchange.getProperty(REQUEST, AmsRequest.class).connection();
        return !"first".equals(ams.setting("severalMatches", "ask"));
    }

    /** Exactly one client: it becomes the note's target. */
    public void chooseOnlyMatch(Exchange exchange) {
        JsonNode only = exchange.getProperty(MATCH, JsonNode.class).get(0);
        request(exchange, exchange.getProperty(REQUEST, AmsRequest.class).to(only.path("id").asText()));
    }

    public void unmatched(Exchange exchange) {
        exchange.setProperty(OUTCOME, "unmatched");
        settled(exchange);
        queue.unmatched(exchange.getProperty(JOB, SyncJob.class));
    }

    public void needsChoice(Exchange exchange) {
        exchange.setProperty(OUTCOME, "needs_choice");
        settled(exchange);
        queue.needsChoice(exchange.getProperty(JOB, SyncJob.class), exchange.getProperty(MATCH, JsonNode.class).toString());
    }

    /** An earlier write of this sync may have reached the AMS unrecorded: read the AMS back before writing. */
    public boolean mayHaveWritten(Exchange exchange) {
        return exchange.getProperty(JOB, SyncJob.class).mayHaveWritten();
    }

    /**
     * Content-enricher strategy of the read-back: the connector answers {@code {"readBack":"found","id":…}} when
     * the AMS holds the note carrying this write's ref, {@code {"readBack":"absent"}} when it does not. Any other
     * answer means the connector cannot read back; the sync then writes, as it did before read-backs existed.
     */
    public Exchange readBackResult(Exchange original, Exchange readBack) {
        if (readBack.getException() != null) {
            original.setException(readBack.getException());
            return original;
        }
        JsonNode answer = readBack.getIn().getBody(JsonNode.class);
        String verdict = answer == null ? "" : answer.path("readBack").asText("");
        SyncJob job = original.getProperty(JOB, SyncJob.class);
        if (verdict.equals("found")) {
            log.info("AMS sync {} of organization {}: the AMS already holds note {} (record {}), not written again",
                    job.id(), job.orgId(), job.noteRef(), answer.path("id").asText());
            original.setProperty(FOUND, answer.path("id").asText(null));
        } else if (!verdict.equals("absent")) {
            log.debug("AMS sync {}: the {} connector cannot read notes back", job.id(), original.getProperty(TYPE));
        }
        return original;
    }

    /** The read-back found the note: nothing is written, the sync settles with the id found. */
    public boolean foundWritten(Exchange exchange) {
        return exchange.getProperty(FOUND) != null;
    }

    /** The note is about to be sent: the durable mark a later claim reads back by. */
    public void writeStarting(Exchange exchange) {
        queue.writeStarting(exchange.getProperty(JOB, SyncJob.class));
        exchange.setProperty(WRITING, true);
    }

    /**
     * The connector wrote (or followed up) the note, or a read-back found it: keep the AMS's id and mark this
     * version synced, in one statement.
     */
    public void written(Exchange exchange) {
        SyncJob job = exchange.getProperty(JOB, SyncJob.class);
        AmsRequest request = exchange.getProperty(REQUEST, AmsRequest.class);
        String recordId = exchange.getProperty(FOUND, String.class);
        if (recordId == null) {
            JsonNode result = exchange.getIn().getBody(JsonNode.class);
            recordId = result == null ? null : result.path("id").asText(null);
        }
        if (job.amsRecordId() == null && (recordId == null || recordId.isBlank())) {
            throw new AmsUnavailableException("the AMS accepted the note but returned no id");
        }
        queue.written(job, request.targetId(), recordId);
        exchange.setProperty(OUTCOME, job.amsRecordId() == null ? "written" : "followed-up");
        settled(exchange);
    }

    /** Any failure of a sync: the breaker hears of it, then the job is retried or dead-lettered. */
    public void failed(Exchange exchange) {
        SyncJob job = exchange.getProperty(JOB, SyncJob.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (job != null && mismatch(cause)) {
            // the AMS answered fine: the agent's choice was not the caller's record, so the sync waits for another
            exchange.setProperty(OUTCOME, "unmatched");
            settled(exchange);
            queue.targetRefused(job, AmsFailureReason.TARGET_MISMATCH.text());
            log.info("AMS sync {} of organization {}: the chosen record is not the caller's; waiting for another choice",
                    job.id(), job.orgId());
            return;
        }
        Decision decision = failures.classify(cause, job == null ? 1 : job.attempts());
        CircuitBreaker breaker = exchange.getProperty(BREAKER, CircuitBreaker.class);
        if (breaker != null) {
            breakers.failed(breaker, took(exchange), cause);
        }
        if (job == null) {
            return;
        }
        if (decision.reauthenticate()) {
            tokens.invalidate(job.orgId());
        }
        if (exchange.getProperty(WRITING) != null && failures.nothingWritten(cause)) {
            queue.writeRefused(job);   // the AMS refused this write outright: the retry need not read back
        }
        // the tenant reads the reason (a phrase of the fixed vocabulary); what actually happened is for operators
        if (decision.retry()) {
            boolean again = queue.retryLater(job, decision.delay(), decision.reason());
            metrics.settled(exchange.getProperty(TYPE, String.class), again ? "retried" : "dead-lettered", took(exchange));
            log.warn("AMS sync {} of organization {} {}: {} [{}]", job.id(), job.orgId(),
                    again ? "will be retried in " + decision.delay() : "dead-lettered", decision.reason(), decision.detail());
            if (!again) {
                exchange.setProperty(DEAD_REASON, "gave up after " + job.attempts() + " attempts: " + decision.reason());
            }
        } else {
            queue.dead(job, decision.reason());
            metrics.settled(exchange.getProperty(TYPE, String.class), "dead-lettered", took(exchange));
            log.warn("AMS sync {} of organization {} dead-lettered: {} [{}]", job.id(), job.orgId(), decision.reason(),
                    decision.detail());
            exchange.setProperty(DEAD_REASON, decision.reason());
        }
    }

    private static boolean mismatch(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AmsTargetMismatchException) {
                return true;
            }
        }
        return false;
    }

    /** The AMS answered: the breaker hears of a success, the outcome (set before) is measured. */
    private void settled(Exchange exchange) {
        Duration took = took(exchange);
        CircuitBreaker breaker = exchange.getProperty(BREAKER, CircuitBreaker.class);
        if (breaker != null) {
            breakers.succeeded(breaker, took);
            exchange.removeProperty(BREAKER);
        }
        metrics.settled(exchange.getProperty(TYPE, String.class), exchange.getProperty(OUTCOME, String.class), took);
    }

    private static Duration took(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }
}
