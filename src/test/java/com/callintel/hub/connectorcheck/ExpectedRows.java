package com.callintel.hub.connectorcheck;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A sample scenario's {@code expected.json} against the rows the hub stored (each row as {@code to_jsonb} of the
 * {@code call} or {@code sms_message} table): the same number of rows, and for each expected row (found by its
 * provider id) every field it gives equal ({@code null}: must be empty). Used by the connector check and
 * {@code ConnectorSamplesTest}.
 */
public final class ExpectedRows {

    private ExpectedRows() {
    }

    /**
     * Each difference as {@code <call|message> <id> <column> expected X, got Y}; empty when the rows are as expected.
     *
     * @param what {@code calls} or {@code messages}, the key of {@code expected.json}
     */
    public static List<String> differences(String what, JsonNode expected, List<JsonNode> stored) {
        List<String> problems = new ArrayList<>();
        String row = what.equals("calls") ? "call" : "message";
        String idField = what.equals("calls") ? "provider_call_id" : "provider_message_id";
        if (expected.size() != stored.size()) {
            problems.add(what + " expected " + expected.size() + ", got " + stored.size() + " "
                    + stored.stream().map(r -> r.path(idField).asText()).toList());
        }
        for (JsonNode want : expected) {
            JsonNode got = stored.stream().filter(r -> r.path(idField).equals(want.path(idField))).findFirst().orElse(null);
            if (got == null) {
                problems.add(row + " " + want.path(idField) + " expected, got no row with that " + idField);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode actual = got.path(field.getKey());
                if (!same(field.getValue(), actual)) {
                    problems.add(row + " " + want.path(idField).asText() + " " + field.getKey() + " expected " + field.getValue()
                            + ", got " + (actual.isMissingNode() ? "(no such column)" : actual));
                }
            }
        }
        return problems;
    }

    /** Equal as JSON, or as instants when both are times (the expectation in UTC 'Z', the store with an offset). */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.equals(actual) || (expected.isNumber() && actual.isNumber() && expected.asDouble() == actual.asDouble())) {
            return true;
        }
        if (expected.isTextual() && actual.isTextual()) {
            try {
                return Instant.parse(expected.asText()).equals(OffsetDateTime.parse(actual.asText()).toInstant());
            } catch (DateTimeParseException notTimes) {
                return false;
            }
        }
        return false;
    }
}
