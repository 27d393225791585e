package com.callintel.hub.helpdesk;

import org.springframework.stereotype.Component;

/**
 * The words of the ticket mails: the support inbox hears of each new ticket (answers go to the reporter), the
 * reporter gets a confirmation and a mail on each change support makes (answers go to the support inbox).
 */
@Component
class TicketMails {

    private final String inbox;

    TicketMails(SupportProperties properties) {
        this.inbox = properties.inbox();
    }

    TicketMail toInbox(Ticket ticket) {
        return new TicketMail(inbox, ticket.reporterEmail(),
                "[CallIntel support #" + ticket.id() + "] " + ticket.category() + ": " + ticket.subject(), """
                A new support ticket, #%d.

                Organization: %s (%s)
                From:         %s (%s, %s)
                Category:     %s
                Subject:      %s

                %s

                Change its status, with a reply to the reporter, on the operators' page: /operator/tickets/
                """.formatted(ticket.id(), ticket.organizationName(), ticket.orgId(), ticket.reporterId(),
                        ticket.reporterRole(), ticket.reporterEmail() == null ? "no email" : ticket.reporterEmail(),
                        category(ticket), ticket.subject(), ticket.text()));
    }

    TicketMail confirmation(Ticket ticket) {
        return new TicketMail(ticket.reporterEmail(), inbox,
                "CallIntel support: we received your ticket #" + ticket.id(), """
                Thank you: CallIntel support has your ticket #%d and will come back to you by mail.
                You get a mail each time its status changes.

                Category: %s
                Subject:  %s

                %s
                """.formatted(ticket.id(), category(ticket), ticket.subject(), ticket.text()));
    }

    TicketMail statusChange(Ticket ticket, String fromStatus, String reply) {
        String status = label(ticket.status());
        String change = ticket.status().equals(fromStatus)
                ? "CallIntel support replied to your ticket #%d (it is %s).".formatted(ticket.id(), status)
                : "CallIntel support moved your ticket #%d from %s to %s.".formatted(ticket.id(), label(fromStatus), status);
        return new TicketMail(ticket.reporterEmail(), inbox,
                "CallIntel support: ticket #" + ticket.id() + " is " + status, """
                %s

                Subject: %s
                %s""".formatted(change, ticket.subject(),
                        reply == null ? "" : "\nSupport's reply:\n\n" + reply + "\n"));
    }

    private static String category(Ticket ticket) {
        return TicketCategory.of(ticket.category()).map(TicketCategory::title).orElse(ticket.category());
    }

    private static String label(String status) {
        return TicketStatus.of(status).map(TicketStatus::label).orElse(status);
    }
}
