package com.callintel.hub.sandbox.ams;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** One {@code enteredByDate…} filter of the Applied Epic simulator: absent (passes all), a day (UTC) or an instant. */
record EpicEnteredFilter(LocalDate day, Instant instant) {

    static EpicEnteredFilter of(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return new EpicEnteredFilter(null, null);
        }
        try {
            return value.length() == 10 ? new EpicEnteredFilter(LocalDate.parse(value), null)
                    : new EpicEnteredFilter(null, OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw EpicProblem.badRequest(name, "Must be an ISO-8601 date or date-time with offset");
        }
    }

    boolean same(Instant entered) {
        return day != null ? day.equals(dayOf(entered)) : instant == null || instant.equals(entered);
    }

    boolean after(Instant entered) {
        return day != null ? dayOf(entered).isAfter(day) : instant == null || entered.isAfter(instant);
    }

    boolean before(Instant entered) {
        return day != null ? dayOf(entered).isBefore(day) : instant == null || entered.isBefore(instant);
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
