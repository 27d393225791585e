package com.callintel.hub.screenpop;

import java.time.ZoneId;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Screen pop: ringing calls wire-tapped from processing become pops (route screen-pop-events); the agent's
 * browser gets a stream ticket, picks one of several clients, and lists the day's calls (api-screen-pops-*).
 * The event stream itself is {@link ScreenPopStream}.
 */
@Component
class ScreenPopRoutes extends RouteBuilder {

    private static final String NOT_FOUND = "No such screen pop for you: it may have expired (pops live five minutes).";

    private final ScreenPops pops;
    private final ScreenPopRepository repository;
    private final CallRecords calls;
    private final StreamTickets tickets;
    private final NoteTargets targets;
    private final CurrentUser users;
    private final TenantRepository tenants;
    private final JsonRequests requests;
    private final JsonReplies replies;
    private final ScreenPopProperties properties;

    ScreenPopRoutes(ScreenPops pops, ScreenPopRepository repository, CallRecords calls, StreamTickets tickets,
                    NoteTargets targets, CurrentUser users, TenantRepository tenants, JsonRequests requests,
                    JsonReplies replies, ScreenPopProperties properties) {
        this.pops = pops;
        this.repository = repository;
        this.calls = calls;
        this.tickets = tickets;
        this.targets = targets;
        this.users = users;
        this.tenants = tenants;
        this.requests = requests;
        this.replies = replies;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // A copy of every processed batch (wire-tap of process-record): each ringing inbound call
        // or connected outbound call pops. A failure is logged without the pop's data and never reaches processing.
        from("direct:screen-pop-events")
                .routeId("screen-pop-events")
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "com.callintel.hub.screenpop", "Screen pop not made: ${exception.class.simpleName}")
                .end()
                .filter(constant(properties.enabled()))
                // the pops of one batch side by side: each waits for its own AMS lookup, never for another's
                .split(method(pops, "triggers")).parallelProcessing()
                    .process(e -> pops.pop(e.getIn().getBody(PopTrigger.class))).id("screen-pop-events-pop")
                .end();

        rest("/api/screen-pops").description("The signed-in agent's screen pops and calls of the day")
                .post("/stream-ticket").id("api-screen-pops-stream-ticket")
                    .responseMessage(ApiDocs.answer(201, "A single-use ticket for the event stream", StreamTicketView.class))
                    .to("direct:api-screen-pops-stream-ticket")
                .post("/{id}/choice").id("api-screen-pops-choice").param(ApiDocs.numericId()).type(PopChoice.class)
                    .responseMessage(ApiDocs.answer(202, "The call's note goes to the chosen record", PopChosen.class))
                    .to("direct:api-screen-pops-choice")
                .get("/my-calls").id("api-screen-pops-my-calls").outType(CallRecords.MyCall[].class)
                    .to("direct:api-screen-pops-my-calls");

        // A single-use ticket for the event stream (EventSource cannot send the bearer token).
        from("direct:api-screen-pops-stream-ticket").routeId("api-screen-pops-stream-ticket").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    replies.reply(e, 201, new StreamTicketView(tickets.issue(user), properties.ticketLifetime().toSeconds(),
                            "/api/screen-pops/stream"));
                });

        // The agent picks one of the pop's clients: the call's note goes there, whether it rings or has ended.
        from("direct:api-screen-pops-choice").routeId("api-screen-pops-choice").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    ScreenPop pop = repository.find(user.orgId(), id(e))
                            .filter(p -> p.addressedTo(user.orgId(), user.userId()))
                            .orElseThrow(ScreenPopRoutes::notFound);
                    String target = requests.body(e, PopChoice.class).targetId();
                    // a pop of an AMS without a phone search takes the id the agent found there, confirmed live
                    JsonNode named = candidate(pop.payload(), target) ? null
                            : pops.namedRecordOfCaller(pop, target).orElseThrow(() -> JsonRequests.invalid("targetId",
                                    pop.payload().path("namesRecord").asBoolean(false)
                                            ? "must be the id of a record of the caller: the AMS shows none of the caller's numbers on it"
                                            : "must be the id of one of the pop's clients"));
                    String sync = targets.choose(user.orgId(), pop.callId(), target);
                    repository.markChosen(user.orgId(), pop.id(), target);
                    replies.reply(e, 202, new PopChosen(pop.id(), pop.callId(), target,
                            named == null ? null : named.path("name").asText(""), sync));
                });

        // The signed-in agent's calls of the organization's day (through the agent mapping), newest first.
        from("direct:api-screen-pops-my-calls").routeId("api-screen-pops-my-calls").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    ZoneId zone = tenants.findOrganization(user.orgId()).map(Organization::timeZone).map(ZoneId::of)
                            .orElse(ZoneId.of("UTC"));
                    replies.reply(e, 200, calls.callsToday(user.orgId(), user.userId(), zone));
                });
    }

    private static boolean candidate(JsonNode payload, String target) {
        for (JsonNode candidate : payload.path("candidates")) {
            if (target.equals(candidate.path("id").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static long id(Exchange e) {
        return PathIds.number(e, NOT_FOUND);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound(NOT_FOUND);
    }

    /** A ticket for the event stream: {@code GET stream?ticket=...} within its lifetime, once. */
    record StreamTicketView(String ticket, long expiresInSeconds, String stream) {
    }

    /** POST /api/screen-pops/{id}/choice: one of the pop's clients, or the id of a record of the caller. */
    record PopChoice(@NotBlank(message = JsonRequests.REQUIRED) @Size(max = 200, message = JsonRequests.AT_MOST)
                     String targetId) {
    }

    /** The choice taken; {@code name} only for a record the agent named, confirmed live. */
    record PopChosen(long popId, long callId, String targetId, @JsonInclude(JsonInclude.Include.NON_NULL) String name,
                     String sync) {
    }
}
