package com.callintel.hub.analytics;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;

/**
 * The period an analytics question asks about: whole days {@code from}..{@code to} (inclusive) in the
 * organization's time zone, as the half-open instant range [{@code start}, {@code end}) the facts are filtered
 * by. A DST day is 23 or 25 hours long, exactly as the agency lived it. Optionally one call direction.
 */
record AnalyticsRange(UUID orgId, ZoneId zone, LocalDate from, LocalDate to, String direction) {

    static final int DEFAULT_DAYS = 30;
    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * Reads the request's {@code from}, {@code to} (ISO dates; default: the last 30 days up to today in the
     * organization's zone) and {@code direction}; any bad value is a 400 problem naming the parameter.
     */
    static AnalyticsRange parse(UUID orgId, String timeZone, String from, String to, String direction, Clock clock,
                                int maxDays) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalDate last = blank(to) ? LocalDate.now(clock.withZone(zone)) : date("to", to);
        LocalDate first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (first.isAfter(last)) {
            throw invalid("from must not be after to (from " + first + ", to " + last + ").");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > maxDays) {
            throw invalid("from..to spans more than " + maxDays + " days; ask for a shorter range.");
        }
        if (!blank(direction) && !DIRECTIONS.contains(direction)) {
            throw invalid("direction must be inbound or outbound.");
        }
        return new AnalyticsRange(orgId, zone, first, last, blank(direction) ? null : direction);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw invalid(name + " must be a date like 2026-03-01 (the organization's own calendar day).");
        }
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(400, "invalid-parameter", "Invalid parameter", detail));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
