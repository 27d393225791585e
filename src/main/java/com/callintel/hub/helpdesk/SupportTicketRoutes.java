package com.callintel.hub.helpdesk;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import static com.callintel.hub.http.JsonRequests.invalid;

/**
 * Support tickets for the members of an organization: any member opens one (category, subject, text); an admin
 * sees the organization's tickets, an agent their own. The request itself is audited by the API's audit filter.
 */
@Component
class SupportTicketRoutes extends RouteBuilder {

    static final int SUBJECT_MAX = 200;
    static final int TEXT_MAX = 10_000;
    /** An address the confirmation may go to: one plain mailbox, nothing a mail header could be bent with. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"()\\p{Cntrl}]{1,64}@[^@\\s,;<>\"()\\p{Cntrl}]{1,255}");
    /** A subject is one line: it becomes the mails' subject header. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final CurrentUser users;
    private final SupportTickets tickets;
    private final JsonRequests requests;
    private final JsonReplies replies;
    private final SupportProperties properties;
    private final Clock clock;

    SupportTicketRoutes(CurrentUser users, SupportTickets tickets, JsonRequests requests, JsonReplies replies,
                        SupportProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.users = users;
        this.tickets = tickets;
        this.requests = requests;
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/support").description("Support tickets of the signed-in member's organization")
                .post("/tickets").id("api-support-tickets-create").type(TicketViews.NewTicket.class)
                    .responseMessage(ApiDocs.answer(201, "The ticket, opened", TicketViews.MemberTicket.class))
                    .to("direct:support-tickets-create")
                .get("/tickets").id("api-support-tickets-list").outType(TicketViews.MemberTicket[].class)
                    .to("direct:support-tickets-list")
                .get("/tickets/{id}").id("api-support-tickets-get").param(ApiDocs.numericId())
                    .outType(TicketViews.MemberTicketDetail.class).to("direct:support-tickets-get");

        // Open a ticket: stored first; the support inbox and the reporter are mailed from the outbox after the commit.
        from("direct:support-tickets-create").routeId("support-tickets-create").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    TicketViews.NewTicket body = requests.body(e, TicketViews.NewTicket.class);
                    if (tickets.openedSince(user, clock.instant().minus(Duration.ofHours(1))) >= properties.ticketsPerHour()) {
                        throw new ProblemException(Problem.of(429, "too-many-tickets", "Too many tickets",
                                "You opened " + properties.ticketsPerHour() + " tickets in the last hour; please add to "
                                        + "one of them by replying to its mail, or try again later.").retryAfter(600));
                    }
                    TicketCategory category = TicketCategory.of(body.category())
                            .orElseThrow(() -> invalid("category", "must be one of " + TicketCategory.names()));
                    String subject = body.subject();
                    if (CONTROL.matcher(subject).find()) {
                        throw invalid("subject", "must be one line");
                    }
                    String text = body.text();
                    replies.reply(e, 201, TicketViews.forMember(tickets.open(user, mailable(user.email()), category, subject, text)));
                });

        // The organization's tickets (an admin) or the member's own (an agent), newest first.
        from("direct:support-tickets-list").routeId("support-tickets-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    replies.reply(e, 200, tickets.list(user.orgId(), ownOnly(user)).stream()
                            .map(TicketViews::forMember).toList());
                });

        // One ticket with support's replies.
        from("direct:support-tickets-get").routeId("support-tickets-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    Ticket ticket = tickets.find(user.orgId(), ticketId(e), ownOnly(user)).orElseThrow(() -> notFound("in your organization"));
                    replies.reply(e, 200, TicketViews.forMember(ticket, tickets.changes(user.orgId(), ticket.id())));
                });
    }

    /** The member's email if mail can go there (one plain address), else null: then no confirmation is sent. */
    static String mailable(String email) {
        if (email == null || !EMAIL.matcher(email).matches()) {
            return null;
        }
        try {
            new InternetAddress(email, true).validate();
            return email;
        } catch (AddressException e) {
            return null;
        }
    }

    /** An agent sees the tickets they opened; an admin every ticket of the organization. */
    private static String ownOnly(HubUser user) {
        return user.isAdmin() ? null : user.userId();
    }

    static long ticketId(Exchange e) {
        return PathIds.number(e, notFoundDetail("in your organization"));
    }

    static ProblemException notFound(String where) {
        return ProblemException.notFound(notFoundDetail(where));
    }

    private static String notFoundDetail(String where) {
        return "No such support ticket " + where + ".";
    }
}
