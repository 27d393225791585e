package com.callintel.hub.calls;

import java.util.Set;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ParamDefinition;
import org.springframework.stereotype.Component;

/** Read-only API over what the pipeline recorded, for the signed-in user's organization only. */
@Component
class CallsApiRoutes extends RouteBuilder {

    private static final Set<String> EVENT_STATUSES = Set.of("pending", "processing", "processed", "ignored", "failed");

    private final CallQueries queries;
    private final CurrentUser users;
    private final JsonReplies replies;

    CallsApiRoutes(CallQueries queries, CurrentUser users, JsonReplies replies) {
        this.queries = queries;
        this.users = users;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api").description("What the pipeline recorded for the signed-in user's organization")
                .get("/calls").id("api-calls").param(limit()).outType(CallRows.CallRow[].class).to("direct:api-calls")
                .get("/calls/{id}").id("api-call").param(ApiDocs.numericId()).outType(CallRows.CallRow.class)
                    .to("direct:api-call")
                .get("/messages").id("api-messages").param(limit()).outType(CallRows.MessageRow[].class)
                    .to("direct:api-messages")
                .get("/events").id("api-events").param(limit())
                    .param(ApiDocs.query("status", "string", "only events of this status: " + EVENT_STATUSES))
                    .outType(CallRows.EventRow[].class).to("direct:api-events");

        // Newest calls of the caller's organization, normalized.
        from("direct:api-calls").routeId("api-calls-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> json(e, queries.calls(users.of(e).orgId(), limit(e))));

        // One call of the caller's organization; another organization's id is simply not found.
        from("direct:api-call").routeId("api-calls-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> json(e, queries.call(users.of(e).orgId(), id(e)).orElseThrow(() -> ProblemException.notFound("No such call in your organization."))));

        // Newest SMS messages of the caller's organization (texts are not listed).
        from("direct:api-messages").routeId("api-messages-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> json(e, queries.messages(users.of(e).orgId(), limit(e))));

        // Stored webhooks, optionally by status: where a failed normalization shows its reason.
        from("direct:api-events").routeId("api-events-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> json(e, queries.events(users.of(e).orgId(), status(e), limit(e))));
    }

    private void json(Exchange exchange, Object value) throws Exception {
        replies.reply(exchange, 200, value);
    }

    private static ParamDefinition limit() {
        return ApiDocs.query("limit", "integer", "at most this many, 1 to 1000 (100)");
    }

    private static int limit(Exchange exchange) {
        String raw = exchange.getIn().getHeader("limit", String.class);
        if (raw == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the problem below
        }
        throw new ProblemException(Problem.of(400, "invalid-parameter", "Invalid parameter",
                "limit must be a whole number from 1 to 1000."));
    }

    private static long id(Exchange exchange) {
        return PathIds.number(exchange, "No such record in your organization.");
    }

    private static String status(Exchange exchange) {
        String status = exchange.getIn().getHeader("status", String.class);
        if (status != null && !EVENT_STATUSES.contains(status)) {
            throw new ProblemException(Problem.of(400, "invalid-parameter", "Invalid parameter",
                    "status must be one of " + EVENT_STATUSES + "."));
        }
        return status;
    }
}
