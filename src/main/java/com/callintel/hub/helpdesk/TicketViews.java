package com.callintel.hub.helpdesk;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.callintel.hub.http.JsonRequests.AT_MOST;
import static com.callintel.hub.http.JsonRequests.PRESENT;
import static com.callintel.hub.http.JsonRequests.REQUIRED;

/**
 * How a ticket reads in the API: members see their organization's tickets and support's replies ("CallIntel
 * support", no operator named); operators also see the organization (its id and name, nothing else of it) and who
 * of them changed what. Also the bodies the ticket operations read.
 */
final class TicketViews {

    private TicketViews() {
    }

    /** POST /api/support/tickets: a member's new ticket. */
    record NewTicket(
            @NotBlank(message = REQUIRED) @Size(max = 32, message = AT_MOST) String category,
            @NotBlank(message = REQUIRED) @Size(max = SupportTicketRoutes.SUBJECT_MAX, message = AT_MOST) String subject,
            @NotBlank(message = REQUIRED) @Size(max = SupportTicketRoutes.TEXT_MAX, message = AT_MOST) String text) {
    }

    /** PATCH /api/operator/tickets/{id}: a new status, a reply, or both. */
    record TicketUpdate(
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 32, message = AT_MOST) String status,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = SupportTicketRoutes.TEXT_MAX, message = AT_MOST)
            String reply) {
    }

    record Reporter(String userId, String email, String role) {
    }

    record Change(String by, String fromStatus, String toStatus, String reply, String at) {
    }

    record OrganizationRef(String id, String name) {
    }

    /** A ticket in a member's list. */
    record MemberTicket(long id, String category, String subject, String text, String status, Reporter reporter,
                        String createdAt, String updatedAt) {
    }

    /** One ticket as its member opens it, with support's replies. */
    record MemberTicketDetail(long id, String category, String subject, String text, String status, Reporter reporter,
                              String createdAt, String updatedAt, List<Change> changes) {
    }

    /** A ticket in support's list: no text. */
    record OperatorTicket(long id, OrganizationRef organization, String category, String subject, String status,
                          Reporter reporter, String createdAt, String updatedAt) {
    }

    /** One ticket as support opens it: its text and who of support changed what. */
    record OperatorTicketDetail(long id, OrganizationRef organization, String category, String subject, String status,
                                Reporter reporter, String createdAt, String updatedAt, String text, List<Change> changes) {
    }

    static MemberTicket forMember(Ticket ticket) {
        return new MemberTicket(ticket.id(), ticket.category(), ticket.subject(), ticket.text(), ticket.status(),
                reporter(ticket), ticket.createdAt().toString(), ticket.updatedAt().toString());
    }

    static MemberTicketDetail forMember(Ticket ticket, List<TicketChange> changes) {
        return new MemberTicketDetail(ticket.id(), ticket.category(), ticket.subject(), ticket.text(), ticket.status(),
                reporter(ticket), ticket.createdAt().toString(), ticket.updatedAt().toString(),
                changes.stream().map(c -> change(c, false)).toList());
    }

    static OperatorTicket forOperator(Ticket ticket) {
        return new OperatorTicket(ticket.id(), organization(ticket), ticket.category(), ticket.subject(), ticket.status(),
                reporter(ticket), ticket.createdAt().toString(), ticket.updatedAt().toString());
    }

    static OperatorTicketDetail forOperator(Ticket ticket, List<TicketChange> changes) {
        return new OperatorTicketDetail(ticket.id(), organization(ticket), ticket.category(), ticket.subject(),
                ticket.status(), reporter(ticket), ticket.createdAt().toString(), ticket.updatedAt().toString(),
                ticket.text(), changes.stream().map(c -> change(c, true)).toList());
    }

    private static OrganizationRef organization(Ticket ticket) {
        return new OrganizationRef(ticket.orgId().toString(), ticket.organizationName());
    }

    private static Reporter reporter(Ticket ticket) {
        return new Reporter(ticket.reporterId(), ticket.reporterEmail(), ticket.reporterRole());
    }

    private static Change change(TicketChange change, boolean operator) {
        return new Change(operator ? change.operatorId() : "CallIntel support", change.fromStatus(), change.toStatus(),
                change.reply(), change.at().toString());
    }
}
