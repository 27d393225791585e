package com.callintel.hub.notices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notice mails' outbox, which is also their delivery record: due mails are leased (safe with several hub nodes),
 * handed to the SMTP endpoint one by one and marked sent; a temporary failure is tried again after a doubling delay
 * until {@code callintel.notices.mail-max-attempts} (then failed), a permanent refusal (5xx) is bounced at once.
 * A node that dies while sending only delays its mails until the lease ends (a mail may go out twice, never not).
 */
@Component
class NoticeMailOutbox {

    static final String MAIL = "CallIntelNoticeMail";
    private static final Logger log = LoggerFactory.getLogger(NoticeMailOutbox.class);

    private final JdbcClient jdbc;
    private final NoticesProperties properties;
    private final Clock clock;

    NoticeMailOutbox(JdbcClient jdbc, NoticesProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A mail taken from the outbox for sending. */
    record OutboxMail(long id, String recipient, String subject, String body, int attempts) {
    }

    /**
     * Queues the mail once per recipient in the caller's transaction; without any recipient, one no-address row
     * records it, never sent.
     */
    void queue(NoticeMail mail, List<String> recipients) {
        if (recipients.isEmpty()) {
            insert(mail, null);
        }
        recipients.forEach(recipient -> insert(mail, recipient));
    }

    private void insert(NoticeMail mail, String recipient) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into notice_mail (org_id, incident_id, policy_id, recipient, subject, body, status, queued_at,
                                         next_attempt_at)
                values (:org, :incident, :policy, :recipient, :subject, :body, :status, :now, :next)
                """)
                .param("org", mail.orgId()).param("incident", mail.incidentId()).param("policy", mail.policyId())
                .param("recipient", recipient).param("subject", mail.subject()).param("body", mail.body())
                .param("status", recipient == null ? "no-address" : "queued").param("now", now)
                .param("next", recipient == null ? null : now)
                .update();
    }

    /** Leases the due mails (the body becomes the list). */
    void claim(Exchange exchange) {
        Instant now = clock.instant();
        List<OutboxMail> due = jdbc.sql("""
                update notice_mail m set attempts = m.attempts + 1, next_attempt_at = :leaseUntil, last_attempt_at = :now
                from (select id from notice_mail where next_attempt_at <= :now
                      order by next_attempt_at limit :batch for update skip locked) due
                where m.id = due.id
                returning m.id, m.recipient, m.subject, m.body, m.attempts
                """)
                .param("now", Timestamp.from(now)).param("leaseUntil", Timestamp.from(now.plus(properties.mailLease())))
                .param("batch", properties.mailBatch())
                .query((rs, n) -> new OutboxMail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5)))
                .list();
        exchange.getMessage().setBody(due);
    }

    /** The SMTP endpoint's message: recipient, subject and text, and no other header. */
    void compose(Exchange exchange) {
        OutboxMail mail = exchange.getMessage().getBody(OutboxMail.class);
        exchange.setProperty(MAIL, mail);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("To", mail.recipient());
        message.setHeader("Subject", mail.subject());
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        message.setBody(mail.body());
    }

    void sent(Exchange exchange) {
        OutboxMail mail = exchange.getProperty(MAIL, OutboxMail.class);
        jdbc.sql("""
                update notice_mail set status = 'sent', sent_at = :now, next_attempt_at = null, last_error = null
                where id = :id
                """)
                .param("now", Timestamp.from(clock.instant())).param("id", mail.id()).update();
    }

    /** The send failed: bounced if the server refused it for good, else retried later or given up after the last try. */
    void failed(Exchange exchange) {
        OutboxMail mail = exchange.getProperty(MAIL, OutboxMail.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (mail == null) {
            log.error("Notice mail not composed: {}", error);
            return;
        }
        boolean bounced = SmtpRefusal.isPermanent(cause);
        boolean last = bounced || mail.attempts() >= properties.mailMaxAttempts();
        String status = bounced ? "bounced" : last ? "failed" : "retrying";
        Instant next = last ? null : clock.instant().plus(delay(mail.attempts()));
        jdbc.sql("update notice_mail set status = :status, next_attempt_at = :next, last_error = :error where id = :id")
                .param("status", status).param("next", next == null ? null : Timestamp.from(next))
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .param("id", mail.id()).update();
        if (last) {
            log.error("Notice mail {} to {} {} after {} attempt(s): {}", mail.id(), mail.recipient(), status,
                    mail.attempts(), error);
        } else {
            log.warn("Notice mail {} not sent (attempt {}), next try at {}: {}", mail.id(), mail.attempts(), next, error);
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
