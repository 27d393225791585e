package com.callintel.hub.helpdesk;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ticket mails' outbox: due mails are leased (safe with several hub nodes), handed to the SMTP endpoint one by
 * one, deleted once sent, and on failure tried again later with a doubling delay, until
 * {@code callintel.support.mail-max-attempts}: then the mail is given up on and kept, with its error, for operators.
 * A node that dies while sending only delays its mails until the lease ends (so a mail may go out twice, never not).
 */
@Component
class SupportMailOutbox {

    static final String MAIL = "CallIntelSupportMail";
    private static final Logger log = LoggerFactory.getLogger(SupportMailOutbox.class);

    private final JdbcClient jdbc;
    private final SupportProperties properties;
    private final Clock clock;

    SupportMailOutbox(JdbcClient jdbc, SupportProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A mail taken from the outbox for sending. */
    record OutboxMail(UUID orgId, long id, long ticketId, String recipient, String replyTo, String subject, String body,
                      int attempts) {
    }

    /** Leases the due mails (the body becomes the list). */
    void claim(Exchange exchange) {
        Instant now = clock.instant();
        List<OutboxMail> due = jdbc.sql("""
                update support_mail m set attempts = m.attempts + 1, next_attempt_at = :leaseUntil
                from (select org_id, id from support_mail where next_attempt_at <= :now
                      order by next_attempt_at limit :batch for update skip locked) due
                where m.org_id = due.org_id and m.id = due.id
                returning m.org_id, m.id, m.ticket_id, m.recipient, m.reply_to, m.subject, m.body, m.attempts
                """)
                .param("now", Timestamp.from(now)).param("leaseUntil", Timestamp.from(now.plus(properties.mailLease())))
                .param("batch", properties.mailBatch())
                .query((rs, n) -> new OutboxMail(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
                .list();
        exchange.getMessage().setBody(due);
    }

    /** The SMTP endpoint's message: recipient, reply address, subject and text, and no other header. */
    void compose(Exchange exchange) {
        OutboxMail mail = exchange.getMessage().getBody(OutboxMail.class);
        exchange.setProperty(MAIL, mail);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("To", mail.recipient());
        if (mail.replyTo() != null) {
            message.setHeader("Reply-To", mail.replyTo());
        }
        message.setHeader("Subject", mail.subject());
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        message.setBody(mail.body());
    }

    void sent(Exchange exchange) {
        OutboxMail mail = exchange.getProperty(MAIL, OutboxMail.class);
        jdbc.sql("delete from support_mail where org_id = :org and id = :id")
                .param("org", mail.orgId()).param("id", mail.id()).update();
    }

    /** The send failed: tried again after a doubling delay, or given up on after the last attempt. */
    void failed(Exchange exchange) {
        OutboxMail mail = exchange.getProperty(MAIL, OutboxMail.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (mail == null) {
            log.error("Support mail not composed: {}", error);
            return;
        }
        boolean last = mail.attempts() >= properties.mailMaxAttempts();
        Instant next = last ? null : clock.instant().plus(delay(mail.attempts()));
        jdbc.sql("update support_mail set next_attempt_at = :next, last_error = :error where org_id = :org and id = :id")
                .param("next", next == null ? null : Timestamp.from(next))
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .param("org", mail.orgId()).param("id", mail.id()).update();
        if (last) {
            log.error("Support mail {} of ticket #{} to {} given up after {} attempts: {}", mail.id(), mail.ticketId(),
                    mail.recipient(), mail.attempts(), error);
        } else {
            log.warn("Support mail {} of ticket #{} not sent (attempt {}), next try at {}: {}", mail.id(), mail.ticketId(),
                    mail.attempts(), next, error);
        }
    }

    /** first-retry, doubled per further attempt, at most max-retry. */
    Duration delay(int attempts) {
        Duration delay = properties.mailFirstRetry();
        for (int i = 1; i < attempts && delay.compareTo(properties.mailMaxRetry()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(properties.mailMaxRetry()) > 0 ? properties.mailMaxRetry() : delay;
    }
}
