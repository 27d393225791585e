package com.callintel.hub.notices;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Breach and policy notices: where the operators' reminders go, the breach deadline and the reminder thresholds, the
 * policy's minimum notice, and how notice mails leave their outbox (poll interval, mails per poll, tries, the first
 * and longest retry delay, and how long a node holds a mail it is sending).
 */
@ConfigurationProperties("callintel.notices")
public record NoticesProperties(String operatorsMail, Duration breachDeadline, List<Duration> reminders,
                                Duration policyNotice, long mailPollDelay, int mailBatch, int mailMaxAttempts,
                                Duration mailFirstRetry, Duration mailMaxRetry, Duration mailLease) {

    public NoticesProperties {
        Objects.requireNonNull(operatorsMail, "callintel.notices.operators-mail must be configured");
        breachDeadline = breachDeadline == null ? Duration.ofHours(72) : breachDeadline;
        reminders = reminders == null || reminders.isEmpty() ? List.of(Duration.ofHours(24), Duration.ofHours(48))
                : List.copyOf(reminders);
        policyNotice = policyNotice == null ? Duration.ofDays(30) : policyNotice;
        mailPollDelay = mailPollDelay <= 0 ? 2000 : mailPollDelay;
        mailBatch = mailBatch <= 0 ? 20 : mailBatch;
        mailMaxAttempts = mailMaxAttempts <= 0 ? 10 : mailMaxAttempts;
        mailFirstRetry = mailFirstRetry == null ? Duration.ofSeconds(30) : mailFirstRetry;
        mailMaxRetry = mailMaxRetry == null ? Duration.ofHours(1) : mailMaxRetry;
        mailLease = mailLease == null ? Duration.ofMinutes(2) : mailLease;
    }
}
