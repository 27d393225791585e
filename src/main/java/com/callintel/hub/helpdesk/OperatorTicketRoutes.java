package com.callintel.hub.helpdesk;

import java.util.Optional;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.PlatformOperator;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import static com.callintel.hub.helpdesk.SupportTicketRoutes.ticketId;
import static com.callintel.hub.http.JsonRequests.invalid;

/**
 * Support's side of the tickets, for the platform's operators only (SecurityConfiguration.operatorApi): the
 * tickets of every organization and their status. Nothing else of an organization is reachable from here. Each
 * read of a ticket's text and each change leaves a row in that organization's audit log, so the agency sees it.
 */
@Component
class OperatorTicketRoutes extends RouteBuilder {

    private static final String ROLE = "operator";

    private final CurrentUser users;
    private final SupportTickets tickets;
    private final JsonRequests requests;
    private final JsonReplies replies;
    private final AuditLog audit;

    OperatorTicketRoutes(CurrentUser users, SupportTickets tickets, JsonRequests requests, JsonReplies replies,
                         AuditLog audit) {
        this.users = users;
        this.tickets = tickets;
        this.requests = requests;
        this.replies = replies;
        this.audit = audit;
    }

    @Override
    public void configure() {
        rest("/api/operator").description("Support tickets of every organization, for the platform's operators")
                .get("/tickets").id("api-operator-tickets-list")
                    .param(ApiDocs.query("status", "string", "only tickets of this status: " + TicketStatus.names()))
                    .outType(TicketViews.OperatorTicket[].class).to("direct:operator-tickets-list")
                .get("/tickets/{id}").id("api-operator-tickets-get").param(ApiDocs.numericId())
                    .outType(TicketViews.OperatorTicketDetail.class).to("direct:operator-tickets-get")
                .patch("/tickets/{id}").id("api-operator-tickets-change").param(ApiDocs.numericId())
                    .type(TicketViews.TicketUpdate.class).outType(TicketViews.OperatorTicketDetail.class)
                    .to("direct:operator-tickets-change");

        // Every organization's tickets (of one status with ?status=), most recently changed first; no text here.
        from("direct:operator-tickets-list").routeId("operator-tickets-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    users.operator(e);
                    String status = e.getIn().getHeader("status", String.class);
                    TicketStatus filter = status == null || status.isBlank() ? null : TicketStatus.of(status)
                            .orElseThrow(() -> invalid("status", "must be one of " + TicketStatus.names()));
                    replies.reply(e, 200, tickets.all(filter).stream().map(TicketViews::forOperator).toList());
                });

        // One ticket with its text and what support did; audited in the ticket's organization.
        from("direct:operator-tickets-get").routeId("operator-tickets-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    Ticket ticket = tickets.any(ticketId(e)).orElseThrow(() -> SupportTicketRoutes.notFound("on this hub"));
                    audit.record(ticket.orgId(), operator.userId(), ROLE, "GET /api/operator/tickets/{id}",
                            "/api/operator/tickets/" + ticket.id(), 200);
                    replies.reply(e, 200, TicketViews.forOperator(ticket, tickets.changes(ticket.orgId(), ticket.id())));
                });

        // A new status and/or a reply: the reporter is mailed (from the outbox) and the organization's log says so.
        from("direct:operator-tickets-change").routeId("operator-tickets-change").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    PlatformOperator operator = users.operator(e);
                    long id = ticketId(e);
                    TicketViews.TicketUpdate body = requests.body(e, TicketViews.TicketUpdate.class);
                    String statusName = body.status();
                    TicketStatus status = statusName == null ? null : TicketStatus.of(statusName)
                            .orElseThrow(() -> invalid("status", "must be one of " + TicketStatus.names()));
                    String reply = body.reply();
                    if (status == null && reply == null) {
                        throw invalid("status", "or 'reply' is required");
                    }
                    Ticket ticket = change(id, operator, status, reply).orElseThrow(() -> SupportTicketRoutes.notFound("on this hub"));
                    audit.record(ticket.orgId(), operator.userId(), ROLE, "PATCH /api/operator/tickets/{id}",
                            "/api/operator/tickets/" + ticket.id() + " status=" + ticket.status()
                                    + (reply == null ? "" : " with reply"), 200);
                    replies.reply(e, 200, TicketViews.forOperator(ticket, tickets.changes(ticket.orgId(), ticket.id())));
                });
    }

    private Optional<Ticket> change(long id, PlatformOperator operator, TicketStatus status, String reply) {
        try {
            return tickets.change(id, operator.userId(), status, reply);
        } catch (SupportTickets.ClosedTicketException closed) {
            throw new ProblemException(Problem.of(409, "ticket-closed", "Ticket closed",
                    "Ticket #" + id + " is closed; a closed ticket no longer changes (the customer opens a new one)."));
        }
    }
}
