package com.callintel.hub.helpdesk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.access.HubUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tickets' SQL: a member opens one, members read their organization's, operators read every organization's and
 * change their status. Each change writes its mails into the outbox in the same transaction ({@link SupportMailOutbox}
 * sends them after the commit), so a ticket is never lost to a mail server, nor a mail to a crash.
 */
@Repository
class SupportTickets {

    private static final String TICKET = """
            select t.org_id, t.id, o.name as org_name, t.reporter_id, t.reporter_email, t.reporter_role, t.category,
                t.subject, t.body, t.status, t.created_at, t.updated_at
            from support_ticket t join organization o on o.id = t.org_id
            """;
    /** Most tickets one list answers with (newest first). */
    private static final int LIST_LIMIT = 500;

    private final JdbcClient jdbc;
    private final TicketMails mails;
    private final Clock clock;

    SupportTickets(JdbcClient jdbc, TicketMails mails, Clock clock) {
        this.jdbc = jdbc;
        this.mails = mails;
        this.clock = clock;
    }

    /** Opens a ticket for the member; the support inbox and (with an address) the member are mailed after the commit. */
    @Transactional
    public Ticket open(HubUser reporter, String reporterEmail, TicketCategory category, String subject, String text) {
        long id = jdbc.sql("""
                insert into support_ticket (org_id, reporter_id, reporter_email, reporter_role, category, subject, body,
                    created_at, updated_at)
                values (:org, :reporter, :email, :role, :category, :subject, :body, :now, :now) returning id
                """)
                .param("org", reporter.orgId()).param("reporter", reporter.userId()).param("email", reporterEmail)
                .param("role", reporter.role().name().toLowerCase()).param("category", category.wire())
                .param("subject", subject).param("body", text).param("now", now())
                .query(Long.class).single();
        Ticket ticket = find(reporter.orgId(), id).orElseThrow();
        queue(ticket, mails.toInbox(ticket));
        if (ticket.reporterEmail() != null) {
            queue(ticket, mails.confirmation(ticket));
        }
        return ticket;
    }

    /** How many tickets the member opened since {@code since}. */
    public long openedSince(HubUser reporter, java.time.Instant since) {
        return jdbc.sql("""
                select count(*) from support_ticket
                where org_id = :org and reporter_id = :reporter and created_at > :since
                """)
                .param("org", reporter.orgId()).param("reporter", reporter.userId()).param("since", Timestamp.from(since))
                .query(Long.class).single();
    }

    /** The organization's tickets, newest first; only the member's own when {@code reporterId} is set (an agent). */
    public List<Ticket> list(UUID orgId, String reporterId) {
        return jdbc.sql(TICKET + """
                where t.org_id = :org and (cast(:reporter as text) is null or t.reporter_id = :reporter)
                order by t.id desc limit :limit
                """)
                .param("org", orgId).param("reporter", reporterId).param("limit", LIST_LIMIT)
                .query(SupportTickets::ticket).list();
    }

    /** One of the organization's tickets; only the member's own when {@code reporterId} is set. */
    public Optional<Ticket> find(UUID orgId, long id, String reporterId) {
        return jdbc.sql(TICKET + """
                where t.org_id = :org and t.id = :id and (cast(:reporter as text) is null or t.reporter_id = :reporter)
                """)
                .param("org", orgId).param("id", id).param("reporter", reporterId)
                .query(SupportTickets::ticket).optional();
    }

    private Optional<Ticket> find(UUID orgId, long id) {
        return find(orgId, id, null);
    }

    /** What support did with the ticket, oldest first. */
    public List<TicketChange> changes(UUID orgId, long ticketId) {
        return jdbc.sql("""
                select operator_id, from_status, to_status, reply, at from support_ticket_change
                where org_id = :org and ticket_id = :ticket order by id
                """)
                .param("org", orgId).param("ticket", ticketId)
                .query((rs, n) -> new TicketChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    // The operators' view spans every organization by design: their queries alone have no org_id to filter on.

    /** Every organization's tickets (of one status, when given), most recently changed first. */
    public List<Ticket> all(TicketStatus status) {
        return jdbc.sql(TICKET + """
                where cast(:status as text) is null or t.status = :status order by t.updated_at desc, t.id desc limit :limit
                """)
                .param("status", status == null ? null : status.wire()).param("limit", LIST_LIMIT)
                .query(SupportTickets::ticket).list();
    }

    /** Any organization's ticket by its number (one sequence for all, so the number names one ticket). */
    public Optional<Ticket> any(long id) {
        return jdbc.sql(TICKET + "where t.id = :id").param("id", id).query(SupportTickets::ticket).optional();
    }

    /**
     * An operator moves the ticket to {@code status} (or leaves it) with an optional reply; the reporter is mailed.
     * Empty when there is no such ticket; throws {@link ClosedTicketException} for a closed one.
     */
    @Transactional
    public Optional<Ticket> change(long id, String operatorId, TicketStatus status, String reply) {
        Optional<Ticket> found = jdbc.sql(TICKET + "where t.id = :id for update of t")
                .param("id", id).query(SupportTickets::ticket).optional();
        if (found.isEmpty()) {
            return found;
        }
        Ticket before = found.get();
        if (TicketStatus.CLOSED.wire().equals(before.status())) {
            throw new ClosedTicketException(id);
        }
        String to = status == null ? before.status() : status.wire();
        jdbc.sql("update support_ticket set status = :status, updated_at = :now where org_id = :org and id = :id")
                .param("status", to).param("now", now()).param("org", before.orgId()).param("id", id).update();
        jdbc.sql("""
                insert into support_ticket_change (org_id, ticket_id, operator_id, from_status, to_status, reply, at)
                values (:org, :ticket, :operator, :from, :to, :reply, :now)
                """)
                .param("org", before.orgId()).param("ticket", id).param("operator", operatorId)
                .param("from", before.status()).param("to", to).param("reply", reply).param("now", now())
                .update();
        Ticket after = find(before.orgId(), id).orElseThrow();
        if (after.reporterEmail() != null) {
            queue(after, mails.statusChange(after, before.status(), reply));
        }
        return Optional.of(after);
    }

    private void queue(Ticket ticket, TicketMail mail) {
        jdbc.sql("""
                insert into support_mail (org_id, ticket_id, recipient, reply_to, subject, body, next_attempt_at)
                values (:org, :ticket, :recipient, :replyTo, :subject, :body, :now)
                """)
                .param("org", ticket.orgId()).param("ticket", ticket.id()).param("recipient", mail.recipient())
                .param("replyTo", mail.replyTo()).param("subject", mail.subject()).param("body", mail.body())
                .param("now", now())
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Ticket ticket(ResultSet rs, int row) throws SQLException {
        return new Ticket(rs.getObject("org_id", UUID.class), rs.getLong("id"), rs.getString("org_name"),
                rs.getString("reporter_id"), rs.getString("reporter_email"), rs.getString("reporter_role"),
                rs.getString("category"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** A closed ticket is final: support opens no closed ticket again (the member opens a new one). */
    static final class ClosedTicketException extends RuntimeException {
        ClosedTicketException(long id) {
            super("ticket " + id + " is closed");
        }
    }
}
