package com.callintel.hub.helpdesk;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Support tickets: the support inbox that hears of every new ticket, and how the ticket mails are sent from their
 * outbox (poll interval, mails per poll, tries before giving up, the first and the longest retry delay, and how long
 * a node holds a mail it is sending), and how many tickets one member may open in an hour (each costs two mails).
 */
@ConfigurationProperties("callintel.support")
public record SupportProperties(String inbox, long mailPollDelay, int mailBatch, int mailMaxAttempts,
                                Duration mailFirstRetry, Duration mailMaxRetry, Duration mailLease,
                                int ticketsPerHour) {

    public SupportProperties {
        Objects.requireNonNull(inbox, "callintel.support.inbox must be configured");
        mailPollDelay = mailPollDelay <= 0 ? 2000 : mailPollDelay;
        mailBatch = mailBatch <= 0 ? 20 : mailBatch;
        mailMaxAttempts = mailMaxAttempts <= 0 ? 10 : mailMaxAttempts;
        mailFirstRetry = mailFirstRetry == null ? Duration.ofSeconds(30) : mailFirstRetry;
        mailMaxRetry = mailMaxRetry == null ? Duration.ofHours(1) : mailMaxRetry;
        mailLease = mailLease == null ? Duration.ofMinutes(2) : mailLease;
        ticketsPerHour = ticketsPerHour <= 0 ? 10 : ticketsPerHour;
    }
}
