package com.callintel.hub.notices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' reminders (routes/incident-reminders.yaml): each breach with an affected organization still untold
 * gets one mail per threshold reached ({@code callintel.notices.reminders}, 24 h and 48 h after discovery), each
 * threshold recorded so it is mailed once. Thresholds reached together (a breach recorded late) make one mail.
 */
@Component("incidentReminders")
class IncidentReminders {

    private static final Logger log = LoggerFactory.getLogger(IncidentReminders.class);

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final NoticeMailOutbox outbox;
    private final NoticesProperties properties;
    private final Clock clock;

    IncidentReminders(JdbcClient jdbc, Incidents incidents, NoticeMailOutbox outbox, NoticesProperties properties,
                      Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails the reminders due now; answers how many were queued. */
    @Transactional
    public int remind() {
        Instant now = clock.instant();
        Duration first = properties.reminders().stream().min(Comparator.naturalOrder()).orElseThrow();
        int queued = 0;
        for (long id : untoldSince(now.minus(first))) {
            var incident = incidents.find(id).orElseThrow();
            List<Duration> due = properties.reminders().stream()
                    .filter(after -> !incident.discoveredAt().plus(after).isAfter(now))
                    .filter(after -> claim(id, after, now))
                    .toList();
            if (!due.isEmpty()) {
                Duration latest = due.stream().max(Comparator.naturalOrder()).orElseThrow();
                outbox.queue(NoticeMails.reminder(incident, latest, now), List.of(properties.operatorsMail()));
                log.warn("Breach #{} still untold somewhere {} h after discovery: operators reminded", id, latest.toHours());
                queued++;
            }
        }
        return queued;
    }

    /** Breaches discovered before {@code discoveredBefore} with an affected organization no notice was sent to. */
    private List<Long> untoldSince(Instant discoveredBefore) {
        return jdbc.sql("""
                select i.id from incident i
                where i.discovered_at <= :before and exists (
                    select 1 from incident_organization io where io.incident_id = i.id and not exists (
                        select 1 from notice_mail m where m.incident_id = i.id and m.org_id = io.org_id
                        and m.status = 'sent'))
                order by i.id
                """)
                .param("before", Timestamp.from(discoveredBefore)).query(Long.class).list();
    }

    /** Records the threshold as reminded; false if it was already. */
    private boolean claim(long incidentId, Duration after, Instant now) {
        return jdbc.sql("""
                insert into incident_reminder (incident_id, after_hours, sent_at) values (:incident, :hours, :at)
                on conflict do nothing
                """)
                .param("incident", incidentId).param("hours", (int) after.toHours()).param("at", Timestamp.from(now))
                .update() == 1;
    }
}
