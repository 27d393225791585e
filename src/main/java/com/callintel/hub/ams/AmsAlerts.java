package com.callintel.hub.ams;

import java.util.Optional;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The alert mail for a dead-lettered sync: to the organization's alert address, saying which sync failed, why,
 * and how to retry it. It names no caller, number or text: the mailbox is outside the privacy promise.
 */
@Component
public class AmsAlerts {

    private final JdbcClient jdbc;

    AmsAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills the mail's headers and body; leaves the exchange without a recipient when the org has none. */
    public void compose(Exchange exchange) {
        SyncJob job = exchange.getProperty(AmsSync.JOB, SyncJob.class);
        String reason = exchange.getProperty(AmsSync.DEAD_REASON, String.class);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        alertAddress(job.orgId()).ifPresent(to -> message.setHeader("To", to));
        message.setHeader("Subject", "CallIntel: a " + job.sourceKind() + " note could not be written to your AMS");
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        message.setBody("""
                The hub gave up writing the note of %s #%d to your agency management system after %d attempt(s).

                Reason: %s

                Fix the cause (AMS connection, credentials, the AMS itself), then retry it:
                  POST /api/admin/ams-syncs/%d/retry   (as an organization admin)
                """.formatted(job.sourceKind(), job.sourceId(), job.attempts(), reason, job.id()));
    }

    private Optional<String> alertAddress(UUID orgId) {
        return jdbc.sql("select alert_email from organization where id = :org and alert_email is not null")
                .param("org", orgId).query(String.class).optional();
    }
}
