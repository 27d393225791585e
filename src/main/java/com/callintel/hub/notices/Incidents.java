package com.callintel.hub.notices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.PlatformOperator;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.notices.NoticeRequests.IncidentRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Breaches and who was told of them: recording one queues the mail to every affected organization's admins in the
 * same transaction (so none is lost), and audits it in each of those organizations' logs. An organization counts as
 * told once a mail to one of its admins was sent.
 */
@Repository
class Incidents {

    static final String ROLE = "operator";

    private final JdbcClient jdbc;
    private final AdminNotices admins;
    private final NoticesProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    Incidents(JdbcClient jdbc, AdminNotices admins, NoticesProperties properties, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.admins = admins;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** An organization a notice goes to (its admins: {@link AdminNotices}). */
    record Recipient(UUID orgId, String name) {
    }

    /** A breach in the operators' list: how many organizations it touched and how many are still untold. */
    record IncidentSummary(long id, Instant discoveredAt, Instant deadline, Instant recordedAt, int organizations,
                           int untold) {
    }

    /** A breach with its four parts, its deadline, who was told when, each delivery and each reminder sent. */
    record IncidentView(long id, Instant discoveredAt, Instant deadline, String whatHappened, String dataInvolved,
                        String mitigation, String recommendedActions, String recordedBy, Instant recordedAt,
                        List<OrganizationTold> organizations, List<Delivery> deliveries, List<Reminder> reminders) {
    }

    /** An affected organization and when its admins were first told (null: not yet). */
    record OrganizationTold(UUID orgId, String name, Instant toldAt) {
    }

    /** One notice mail and how its delivery went. */
    record Delivery(long id, UUID orgId, String recipient, String status, int attempts, Instant queuedAt,
                    Instant lastAttemptAt, Instant sentAt, String lastError) {
    }

    /** A reminder the operators got, by the hours after discovery it stands for. */
    record Reminder(int afterHours, Instant sentAt) {
    }

    @Transactional
    IncidentView record(IncidentRequest request, PlatformOperator operator) {
        List<Recipient> recipients = recipients(request.organizations());
        if (recipients.size() < request.organizations().size()) {
            List<UUID> known = recipients.stream().map(Recipient::orgId).toList();
            throw JsonRequests.invalid("organizations", "names no organization of this hub: " + request.organizations()
                    .stream().filter(id -> !known.contains(id)).map(UUID::toString).toList());
        }
        if (request.discoveredAt().isAfter(clock.instant())) {
            throw JsonRequests.invalid("discoveredAt", "lies in the future");
        }
        long id = jdbc.sql("""
                insert into incident (discovered_at, what_happened, data_involved, mitigation, recommended_actions,
                                      recorded_by, recorded_at)
                values (:discovered, :what, :data, :mitigation, :actions, :by, :at) returning id
                """)
                .param("discovered", Timestamp.from(request.discoveredAt())).param("what", request.whatHappened())
                .param("data", request.dataInvolved()).param("mitigation", request.mitigation())
                .param("actions", request.recommendedActions()).param("by", operator.userId())
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        for (Recipient recipient : recipients) {
            jdbc.sql("insert into incident_organization (org_id, incident_id) values (:org, :incident)")
                    .param("org", recipient.orgId()).param("incident", id).update();
            admins.queue(NoticeMails.breach(id, request, recipient));
            audit.record(recipient.orgId(), operator.userId(), ROLE, "POST /api/operator/incidents",
                    "/api/operator/incidents/" + id, 201);
        }
        return find(id).orElseThrow();
    }

    List<IncidentSummary> all() {
        return jdbc.sql("""
                select i.id, i.discovered_at, i.recorded_at, count(io.org_id) as organizations,
                       count(io.org_id) filter (where not exists (
                           select 1 from notice_mail m where m.incident_id = i.id and m.org_id = io.org_id
                           and m.status = 'sent')) as untold
                from incident i left join incident_organization io on io.incident_id = i.id
                group by i.id order by i.discovered_at desc, i.id desc
                """)
                .query((rs, n) -> {
                    Instant discovered = rs.getTimestamp("discovered_at").toInstant();
                    return new IncidentSummary(rs.getLong("id"), discovered, discovered.plus(properties.breachDeadline()),
                            rs.getTimestamp("recorded_at").toInstant(), rs.getInt("organizations"), rs.getInt("untold"));
                })
                .list();
    }

    Optional<IncidentView> find(long id) {
        return jdbc.sql("""
                select id, discovered_at, what_happened, data_involved, mitigation, recommended_actions, recorded_by,
                       recorded_at
                from incident where id = :id
                """)
                .param("id", id)
                .query((rs, n) -> {
                    Instant discovered = rs.getTimestamp("discovered_at").toInstant();
                    return new IncidentView(id, discovered, discovered.plus(properties.breachDeadline()),
                            rs.getString("what_happened"), rs.getString("data_involved"), rs.getString("mitigation"),
                            rs.getString("recommended_actions"), rs.getString("recorded_by"),
                            rs.getTimestamp("recorded_at").toInstant(), told(id), deliveries(id), reminders(id));
                })
                .optional();
    }

    /** The organizations a breach touched, for the audit rows of a read. */
    List<UUID> affected(long id) {
        return jdbc.sql("select org_id from incident_organization where incident_id = :id order by org_id")
                .param("id", id).query(UUID.class).list();
    }

    private List<OrganizationTold> told(long id) {
        return jdbc.sql("""
                select io.org_id, o.name,
                       (select min(m.sent_at) from notice_mail m where m.incident_id = io.incident_id
                        and m.org_id = io.org_id and m.status = 'sent') as told_at
                from incident_organization io join organization o on o.id = io.org_id
                where io.incident_id = :id order by o.name, io.org_id
                """)
                .param("id", id)
                .query((rs, n) -> new OrganizationTold(rs.getObject("org_id", UUID.class), rs.getString("name"),
                        instant(rs.getTimestamp("told_at"))))
                .list();
    }

    private List<Delivery> deliveries(long id) {
        return jdbc.sql("""
                select id, org_id, recipient, status, attempts, queued_at, last_attempt_at, sent_at, last_error
                from notice_mail where incident_id = :id and org_id is not null order by id
                """)
                .param("id", id).query(Incidents::delivery).list();
    }

    private List<Reminder> reminders(long id) {
        return jdbc.sql("select after_hours, sent_at from incident_reminder where incident_id = :id order by after_hours")
                .param("id", id)
                .query((rs, n) -> new Reminder(rs.getInt(1), rs.getTimestamp(2).toInstant())).list();
    }

    /** The known ones of {@code orgIds}. */
    private List<Recipient> recipients(List<UUID> orgIds) {
        return jdbc.sql("select id, name from organization where id in (:ids) order by name, id")
                .param("ids", orgIds)
                .query((rs, n) -> new Recipient(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getObject("org_id", UUID.class), rs.getString("recipient"),
                rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("queued_at").toInstant(),
                instant(rs.getTimestamp("last_attempt_at")), instant(rs.getTimestamp("sent_at")),
                rs.getString("last_error"));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
