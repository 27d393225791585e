package com.callintel.hub.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * A body Jackson could not read, as the problem its sender gets: 400 for broken or too deeply nested JSON and
 * over-long numbers, 413 for a value too large to hold. Always a 4xx: a provider retries a 5xx forever.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static Problem of(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException limit) {
            String message = String.valueOf(limit.getOriginalMessage());
            // Jackson names the limit only in its message; the detail repeats its figures, which are not internals
            if (message.contains("nesting depth")) {
                return Problem.of(400, "json-too-deep", "JSON nested too deeply",
                        "The body nests arrays or objects deeper than the hub accepts: " + firstSentence(message));
            }
            if (message.startsWith("Number value length")) {
                return Problem.of(400, "json-number-too-long", "JSON number too long",
                        "The body holds a number longer than the hub accepts: " + firstSentence(message));
            }
            return Problem.of(413, "json-value-too-large", "JSON value too large",
                    "The body holds a string or name longer than the hub accepts: " + firstSentence(message));
        }
        // constraint and some end-of-input errors carry no location: the detail must not depend on one
        JsonLocation where = e.getLocation();
        String at = where == null || where.getLineNr() < 0 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
        return Problem.of(400, "malformed-json", "Malformed event", "The webhook body is not valid JSON" + at + ".");
    }

    /** Jackson appends advice for programmers ("use StreamReadConstraints...") that means nothing to a sender. */
    private static String firstSentence(String message) {
        int cut = message.indexOf(" (");
        return (cut > 0 ? message.substring(0, cut) : message).strip() + ".";
    }
}
