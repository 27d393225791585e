package com.callintel.hub.transcripts;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.calls.Agent;
import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.CallLedger;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.egress.EgressRefusedException;
import com.callintel.hub.store.DurableCommit;
import com.callintel.hub.tenancy.ProviderOAuthApp;
import com.callintel.hub.tenancy.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one leased fetch to its end: the call's link, checked by the egress policy against its provider's hosts,
 * fetched with an access token of the organization's OAuth app for that provider ({@link AccessTokens}) or else its
 * API token; the text is recorded as the call's transcript
 * through the call ledger, exactly as a transcript sent as text (so the note's update and the AI analysis follow
 * from the same statement), in one durable commit with the fetch done. A refused or missing link leaves the note
 * with the link: the fetch is dead with its reason, and each request leaves an audit row (never the text).
 */
@Component
class TranscriptFetchWorker {

    private static final Logger log = LoggerFactory.getLogger(TranscriptFetchWorker.class);

    private final TranscriptFetches fetches;
    private final CallRecords calls;
    private final CallLedger ledger;
    private final EgressPolicy egress;
    private final TenantRepository tenants;
    private final TranscriptDownload download;
    private final AccessTokens tokens;
    private final TranscriptText reader;
    private final AuditLog audit;
    private final TranscriptProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    TranscriptFetchWorker(TranscriptFetches fetches, CallRecords calls, CallLedger ledger, EgressPolicy egress,
                          TenantRepository tenants, TranscriptDownload download, AccessTokens tokens,
                          TranscriptText reader, AuditLog audit, TranscriptProperties properties,
                          TransactionTemplate transactions, JdbcClient jdbc) {
        this.fetches = fetches;
        this.calls = calls;
        this.ledger = ledger;
        this.egress = egress;
        this.tenants = tenants;
        this.download = download;
        this.tokens = tokens;
        this.reader = reader;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    List<TranscriptFetches.Job> claim() {
        return fetches.claim(properties.workers(), properties.timeout().plusSeconds(30));
    }

    void run(TranscriptFetches.Job job) {
        Optional<CallRecords.TranscriptLink> found = calls.transcriptLink(job.orgId(), job.callId());
        if (found.isEmpty() || found.get().url() == null) {
            fetches.dead(job, null, "the call's transcript link was purged before it could be fetched");
            return;
        }
        CallRecords.TranscriptLink link = found.get();
        if (link.hasText()) {
            fetches.skipped(job, "the provider sent the transcript as text");
            return;
        }
        List<String> hosts = properties.linkHosts().get(link.provider());
        if (hosts == null || hosts.isEmpty()) {
            fetches.skipped(job, "the hub does not fetch " + link.provider() + " transcript links; the note carries the link");
            return;
        }
        String action = "GET " + link.provider() + " transcript link";
        String target = "calls/" + job.callId() + "/transcript";
        URI uri;
        try {
            uri = egress.checkProviderLink(link.url(), link.provider(), hosts);
        } catch (EgressRefusedException refused) {
            audit.record(job.orgId(), "callintel-hub", "system", action, target, 0);
            fetches.dead(job, null, "the egress policy refused the link (" + refused.getMessage() + ")");
            log.warn("Transcript fetch {} of organization {}: the link was refused by the egress policy ({})", job.id(),
                    job.orgId(), refused.getMessage());
            return;
        }
        Optional<ProviderOAuthApp> app = tenants.findOAuthApp(job.orgId(), link.provider());
        Optional<String> token = app.isPresent() ? Optional.empty() : tenants.findApiToken(job.orgId(), link.provider());
        if (app.isEmpty() && token.isEmpty()) {
            fetches.dead(job, null, "no " + link.provider() + " OAuth app or API token is configured for the organization");
            return;
        }
        try {
            String text = reader.read(app.isPresent()
                    ? fetchWithApp(uri, link.provider(), app.get(), job, action, target)
                    : download.fetch(uri, "Bearer " + token.get()));
            transactions.executeWithoutResult(tx -> {
                DurableCommit.forThisTransaction(jdbc);
                ledger.recordCalls(List.of(transcriptOf(job.orgId(), link, text)));
                fetches.done(job, text.length());
            });
            audit.record(job.orgId(), "callintel-hub", "system", action, target, 200);
        } catch (TranscriptDownload.LinkFailure failure) {
            audit.record(job.orgId(), "callintel-hub", "system", action, target, failure.status);
            failed(job, link, failure, app.isEmpty());
        } catch (EgressRefusedException refused) {
            audit.record(job.orgId(), "callintel-hub", "system", action, target, 0);
            fetches.dead(job, null, "the egress policy refused the token endpoint (" + refused.getMessage() + ")");
            log.warn("Transcript fetch {} of organization {}: the token endpoint was refused by the egress policy ({})",
                    job.id(), job.orgId(), refused.getMessage());
        } catch (TranscriptText.Unreadable unreadable) {
            audit.record(job.orgId(), "callintel-hub", "system", action, target, 200);
            fetches.dead(job, 200, unreadable.getMessage());
        }
    }

    /**
     * The link fetched with an access token of the account's OAuth app; a token the provider refuses (expired or
     * revoked early) is dropped and a new one asked for once before the attempt counts as failed.
     */
    private TranscriptDownload.Fetched fetchWithApp(URI uri, String provider, ProviderOAuthApp app,
                                                    TranscriptFetches.Job job, String action, String target) {
        String bearer = tokens.token(provider, app);
        try {
            return download.fetch(uri, "Bearer " + bearer);
        } catch (TranscriptDownload.LinkFailure refused) {
            if (refused.status != 401) {
                throw refused;
            }
            audit.record(job.orgId(), "callintel-hub", "system", action, target, 401);
            tokens.forget(app);
            try {
                return download.fetch(uri, "Bearer " + tokens.token(provider, app));
            } catch (TranscriptDownload.LinkFailure again) {
                throw again.status == 401 ? new TranscriptDownload.LinkFailure(401, again.retryAfter,
                        again.getMessage() + " (a new access token of the OAuth app was refused too)") : again;
            }
        }
    }

    private void failed(TranscriptFetches.Job job, CallRecords.TranscriptLink link, TranscriptDownload.LinkFailure failure,
                        boolean withApiToken) {
        String reason = link.provider() + ": " + failure.getMessage()
                + (withApiToken && (failure.status == 401 || failure.status == 403) ? " (the organization's API token was refused)" : "");
        if (failure.transientFailure()) {
            Duration delay = failure.retryAfter.orElseGet(() -> backoff(job.attempts()));
            boolean again = fetches.retryLater(job, delay, properties.maxAttempts(), failure.status, reason);
            log.info("Transcript fetch {} of organization {}: {} ({})", job.id(), job.orgId(),
                    again ? "retried in " + delay : "dead-lettered", failure.getMessage());
        } else {
            fetches.dead(job, failure.status, reason);
            log.warn("Transcript fetch {} of organization {} dead-lettered: {}", job.id(), job.orgId(), reason);
        }
    }

    /** The fetched text as the provider's own transcript event of the call would carry it. */
    private static CallEvent transcriptOf(UUID orgId, CallRecords.TranscriptLink link, String text) {
        return new CallEvent(orgId, link.provider(), link.providerCallId(), null, null, null, null, null, Agent.NONE,
                null, null, null, null, null, null, null, null, text, null);
    }

    /** first-retry, doubling per attempt, at most longest-retry. */
    private Duration backoff(int attempts) {
        Duration delay = properties.firstRetry().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(properties.longestRetry()) > 0 ? properties.longestRetry() : delay;
    }
}
