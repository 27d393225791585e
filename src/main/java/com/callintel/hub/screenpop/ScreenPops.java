package com.callintel.hub.screenpop;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.callintel.hub.ams.AmsConnection;
import com.callintel.hub.ams.AmsFailureReason;
import com.callintel.hub.ams.AmsFailures;
import com.callintel.hub.ams.AmsLookup;
import com.callintel.hub.ams.OrganizationBulkhead;
import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.calls.CallState;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.processing.ProcessedBatch;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.ServiceStatus;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a ringing inbound call (or an outbound call's connect) into screen pops: the caller looked up live in the
 * organization's AMS (bounded in time: a slow AMS yields a pop with the number and "lookup unavailable"), the
 * organization's last call with the number, one pop per agent the provider names, or one for every connected agent
 * of the organization when it names none. Pop contents are never logged.
 */
@Component
public class ScreenPops {

    private static final Logger log = LoggerFactory.getLogger(ScreenPops.class);

    private final ScreenPopRepository pops;
    private final CallRecords calls;
    private final AmsLookup lookup;
    private final TenantRepository tenants;
    private final ObjectMapper mapper;
    private final ScreenPopProperties properties;
    private final ExecutorService lookups;
    private final OrganizationBulkhead bulkhead;
    private final AmsFailures failures;
    private final ServiceStatus service;

    ScreenPops(ScreenPopRepository pops, CallRecords calls, AmsLookup lookup, TenantRepository tenants,
               ObjectMapper mapper, ScreenPopProperties properties, CamelContext camel, AmsFailures failures,
               ServiceStatus service) {
        this.service = service;
        this.pops = pops;
        this.calls = calls;
        this.lookup = lookup;
        this.tenants = tenants;
        this.mapper = mapper;
        this.properties = properties;
        this.failures = failures;
        // a bounded pool without a queue: a lookup starts at once or not at all (then the pop says "unavailable"),
        // so no lookup waits behind a slow AMS and none is cancelled before it ran (which would keep its permit)
        this.lookups = camel.getExecutorServiceManager().newThreadPool(this, "screen-pop-lookup",
                new ThreadPoolProfileBuilder("screen-pop-lookup").poolSize(properties.lookupThreads())
                        .maxPoolSize(properties.lookupThreads()).maxQueueSize(0)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        // one organization's slow AMS holds at most this many of those threads: every other agency keeps the rest
        this.bulkhead = new OrganizationBulkhead(properties.lookupsPerOrganization());
    }

    /** The call events of a processed batch that make a pop, each with when its webhook was received. */
    public List<PopTrigger> triggers(ProcessedBatch batch) {
        return batch.events().stream()
                .flatMap(recorded -> recorded.normalized().calls().stream().filter(ScreenPops::pops)
                        .map(call -> new PopTrigger(call, recorded.event().receivedAt())))
                .toList();
    }

    static boolean pops(CallEvent call) {
        return ("inbound".equals(call.direction()) && call.state() == CallState.RINGING)
                || ("outbound".equals(call.direction()) && call.state() == CallState.ANSWERED);
    }

    /** Builds and stores the pops of one call event (none if the call already popped, or its organization is not served now). */
    public void pop(PopTrigger trigger) {
        CallEvent call = trigger.call();
        if (!service.serves(call.orgId())) {
            return;
        }
        Optional<Long> callId = calls.callId(call.orgId(), call.provider(), call.providerCallId());
        if (callId.isEmpty() || pops.popped(call.orgId(), callId.get())) {
            return;
        }
        List<String> members = new ArrayList<>(pops.members(call.orgId(), call.provider(), call.agent()));
        if (members.isEmpty()) {
            members.add(null);
        }
        ObjectNode card = card(call, callId.get());
        pops.insert(call.orgId(), callId.get(), members, card, trigger.receivedAt());
    }

    private ObjectNode card(CallEvent call, long callId) {
        ObjectNode card = mapper.createObjectNode();
        card.put("callId", callId);
        card.put("provider", call.provider());
        card.put("direction", call.direction());
        card.put("number", call.externalNumber());
        card.put("callerName", call.externalName());
        card.put("agentName", call.agent() == null ? null : call.agent().name());
        card.put("startedAt", call.startedAt() == null ? null : call.startedAt().toString());
        lookUp(call, card);
        calls.lastActivity(call.orgId(), call.externalNumber(), callId)
                .ifPresentOrElse(last -> card.set("lastActivity", mapper.valueToTree(last)), () -> card.putNull("lastActivity"));
        return card;
    }

    /** Adds "lookup" (matched, several, none, no-ams, unavailable) and the AMS candidates with their links. */
    private void lookUp(CallEvent call, ObjectNode card) {
        ArrayNode candidates = card.putArray("candidates");
        Optional<AmsConnection> ams = call.externalNumber() == null ? Optional.empty() : lookup.connection(call.orgId());
        if (ams.isEmpty()) {
            card.put("lookup", "no-ams");
            return;
        }
        card.put("amsType", ams.get().type());
        if (lookup.confirmsNamedRecords(ams.get().type())) {
            // no phone search at this AMS: the agent names the record (its id), which the hub confirms live
            card.put("namesRecord", true);
            card.put("lookup", "none");
            return;
        }
        String region = tenants.findOrganization(call.orgId()).map(Organization::defaultRegion).orElse("US");
        UUID orgId = call.orgId();
        if (!bulkhead.tryEnter(orgId)) {
            unavailable(card, AmsFailureReason.BUSY.text());
            return;
        }
        Future<JsonNode> answer;
        try {
            answer = lookups.submit(() -> {
                try {
                    return lookup.candidates(ams.get(), call.externalNumber(), region);
                } finally {
                    // given back when the call really ends, not when the pop stopped waiting for it
                    bulkhead.release(orgId);
                }
            });
        } catch (RejectedExecutionException busy) {
            bulkhead.release(orgId);
            unavailable(card, AmsFailureReason.BUSY.text());
            return;
        }
        try {
            JsonNode found = answer.get(properties.lookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
            String link = ams.get().setting("clientUrl", null);
            for (JsonNode candidate : found) {
                ObjectNode copy = candidate.deepCopy();
                if (link != null && candidate.hasNonNull("id")) {
                    copy.put("link", link.replace("{id}", URLEncoder.encode(candidate.path("id").asText(), StandardCharsets.UTF_8)));
                }
                candidates.add(copy);
            }
            card.put("lookup", found.size() == 0 ? "none" : found.size() == 1 ? "matched" : "several");
        } catch (TimeoutException slow) {
            // the pop goes out now; the lookup's thread is interrupted, and the HTTP client's own timeout ends it
            answer.cancel(true);
            unavailable(card, AmsFailureReason.TIMED_OUT.text());
            log.warn("Screen pop lookup of organization {} took longer than {}; popped with the number only",
                    call.orgId(), properties.lookupTimeout());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            unavailable(card, AmsFailureReason.HUB_ERROR.text());
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            unavailable(card, failures.reasonOf(cause));
            log.warn("Screen pop lookup of organization {} failed ({}); popped with the number only", call.orgId(),
                    cause.toString().replaceAll("[\\r\\n]+", " "));
        } catch (RuntimeException unreadable) {
            unavailable(card, AmsFailureReason.UNEXPECTED_ANSWER.text());
            log.warn("Screen pop lookup of organization {} answered what the pop cannot show ({})", call.orgId(),
                    unreadable.getClass().getSimpleName());
        }
    }

    /**
     * The record the agent named on a pop of an AMS without a phone search, as {@code {id, name}}, when that AMS,
     * asked now, shows the caller's number on it; empty when it does not. Nothing of the answer is kept but the id.
     */
    Optional<JsonNode> namedRecordOfCaller(ScreenPop pop, String targetId) {
        if (!pop.payload().path("namesRecord").asBoolean(false)) {
            return Optional.empty();
        }
        AmsConnection ams = lookup.connection(pop.orgId()).filter(a -> lookup.confirmsNamedRecords(a.type()))
                .orElseThrow(() -> new ProblemException(Problem.of(409, "no-ams", "No AMS connection",
                        "The organization's AMS connection changed; the record cannot be confirmed.")));
        String region = tenants.findOrganization(pop.orgId()).map(Organization::defaultRegion).orElse("US");
        try {
            JsonNode found = lookup.confirmed(ams, pop.payload().path("number").asText(null), region, targetId);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (Exception e) {
            log.warn("Screen pop confirmation of organization {} failed ({})", pop.orgId(), e.getClass().getSimpleName());
            throw new ProblemException(Problem.of(503, "ams-unavailable", "AMS unavailable",
                    "The AMS could not confirm the record now: " + failures.reasonOf(e) + "."));
        }
    }

    /** The pop shows the number only, and why in the fixed vocabulary (never what the AMS answered). */
    private static void unavailable(ObjectNode card, String problem) {
        card.put("lookup", "unavailable");
        card.put("lookupProblem", problem);
    }
}
