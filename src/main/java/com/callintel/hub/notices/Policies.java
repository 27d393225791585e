package com.callintel.hub.notices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.PlatformOperator;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.notices.Incidents.Delivery;
import com.callintel.hub.notices.Incidents.Recipient;
import com.callintel.hub.notices.NoticeRequests.PolicyRequest;
import com.callintel.hub.tenancy.ServiceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy policy's versions: a version is published only with at least {@code callintel.notices.policy-notice}
 * (30 days) between the day of publication and its effective date (UTC), and publishing it queues the notice to the
 * admins of every organization on the hub in the same transaction. The version in force is the latest whose
 * effective date has come.
 */
@Repository
class Policies {

    private final JdbcClient jdbc;
    private final AdminNotices admins;
    private final NoticesProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final ServiceStatus serviceStatus;

    Policies(JdbcClient jdbc, AdminNotices admins, NoticesProperties properties, AuditLog audit, Clock clock,
             ServiceStatus serviceStatus) {
        this.jdbc = jdbc;
        this.admins = admins;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.serviceStatus = serviceStatus;
    }

    /** A published version, without its deliveries. */
    record PolicyVersion(long id, String text, LocalDate effectiveDate, String publishedBy, Instant publishedAt) {
    }

    /** A version in the operators' list: how its notice mails went, by status. */
    record PolicySummary(long id, LocalDate effectiveDate, String publishedBy, Instant publishedAt, int mails, int sent,
                         int pending, int undelivered) {
    }

    /** A version with each of its notice mails. */
    record PolicyView(PolicyVersion version, List<Delivery> deliveries) {
    }

    @Transactional
    PolicyView publish(PolicyRequest request, PlatformOperator operator) {
        Instant now = clock.instant();
        LocalDate earliest = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(properties.policyNotice().toDays());
        if (request.effectiveDate().isBefore(earliest)) {
            throw JsonRequests.invalid("effectiveDate", "must be at least " + properties.policyNotice().toDays()
                    + " days after publication: " + earliest + " or later");
        }
        long id = jdbc.sql("""
                insert into policy_version (text, effective_date, published_by, published_at)
                values (:text, :effective, :by, :at) returning id
                """)
                .param("text", request.text()).param("effective", request.effectiveDate())
                .param("by", operator.userId()).param("at", Timestamp.from(now))
                .query(Long.class).single();
        PolicyVersion version = new PolicyVersion(id, request.text(), request.effectiveDate(), operator.userId(), now);
        for (Recipient recipient : activeOrganizations()) {
            admins.queue(NoticeMails.policy(version, recipient));
            audit.record(recipient.orgId(), operator.userId(), Incidents.ROLE, "POST /api/operator/policies",
                    "/api/operator/policies/" + id + " effective=" + request.effectiveDate(), 201);
        }
        return find(id).orElseThrow();
    }

    List<PolicySummary> all() {
        return jdbc.sql("""
                select p.id, p.effective_date, p.published_by, p.published_at, count(m.id) as mails,
                       count(m.id) filter (where m.status = 'sent') as sent,
                       count(m.id) filter (where m.status in ('queued', 'retrying')) as pending,
                       count(m.id) filter (where m.status in ('bounced', 'failed', 'no-address')) as undelivered
                from policy_version p left join notice_mail m on m.policy_id = p.id
                group by p.id order by p.published_at desc, p.id desc
                """)
                .query((rs, n) -> new PolicySummary(rs.getLong("id"), rs.getObject("effective_date", LocalDate.class),
                        rs.getString("published_by"), rs.getTimestamp("published_at").toInstant(), rs.getInt("mails"),
                        rs.getInt("sent"), rs.getInt("pending"), rs.getInt("undelivered")))
                .list();
    }

    Optional<PolicyView> find(long id) {
        return jdbc.sql("select id, text, effective_date, published_by, published_at from policy_version where id = :id")
                .param("id", id).query(Policies::version).optional()
                .map(version -> new PolicyView(version, jdbc.sql("""
                        select id, org_id, recipient, status, attempts, queued_at, last_attempt_at, sent_at, last_error
                        from notice_mail where policy_id = :id order by id
                        """).param("id", id).query(Incidents::delivery).list()));
    }

    /** The latest version whose effective date has come (UTC), if any was published. */
    Optional<PolicyVersion> inForce() {
        return jdbc.sql("""
                select id, text, effective_date, published_by, published_at from policy_version
                where effective_date <= :today order by effective_date desc, id desc limit 1
                """)
                .param("today", today()).query(Policies::version).optional();
    }

    /** The next version announced and not yet in force, if any. */
    Optional<PolicyVersion> upcoming() {
        return jdbc.sql("""
                select id, text, effective_date, published_by, published_at from policy_version
                where effective_date > :today order by effective_date, id desc limit 1
                """)
                .param("today", today()).query(Policies::version).optional();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static PolicyVersion version(ResultSet rs, int row) throws SQLException {
        return new PolicyVersion(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    /** Every organization the hub serves now (one whose billing is canceled, or past due beyond grace, is not). */
    private List<Recipient> activeOrganizations() {
        Set<UUID> unserved = serviceStatus.unserved();
        return jdbc.sql("select id, name from organization order by name, id")
                .query((rs, n) -> new Recipient(rs.getObject(1, UUID.class), rs.getString(2)))
                .list().stream().filter(recipient -> !unserved.contains(recipient.orgId())).toList();
    }
}
