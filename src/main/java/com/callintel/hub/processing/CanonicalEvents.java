package com.callintel.hub.processing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.callintel.hub.calls.Agent;
import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.CallOutcome;
import com.callintel.hub.calls.CallState;
import com.callintel.hub.calls.SmsEvent;
import com.callintel.hub.tenancy.Organization;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Turns the draft a connector's normalizer produced (see docs/connectors.md, "The canonical draft") into
 * canonical events: instants from ISO-8601 strings or epoch milliseconds, numbers to E.164 in the org's region,
 * checked enumerations. A draft that breaks the contract is a {@link NormalizationException}, never a guess.
 */
@Component
public class CanonicalEvents {

    /** A week: longer is a unit mix-up (milliseconds sent as seconds), not a call. */
    private static final long MAX_DURATION_SECONDS = 7 * 24 * 3600;
    /** Characters of an offending value a failure reason repeats. */
    private static final int MAX_QUOTED = 40;

    public NormalizedEvents fromDraft(JsonNode draft, Organization org, String provider) {
        List<CallEvent> calls = new ArrayList<>();
        List<SmsEvent> messages = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        if (draft == null || draft.isNull() || draft.isMissingNode()) {
            throw new NormalizationException("the connector produced no draft");
        }
        for (JsonNode item : draft.isArray() ? draft : List.of(draft)) {
            String type = text(item, "type");
            if (type == null) {
                throw new NormalizationException("draft has no type (call, sms or ignore)");
            }
            switch (type) {
                case "call" -> calls.add(call(item, org, provider));
                case "sms" -> messages.add(sms(item, org, provider));
                case "ignore" -> ignored.add(text(item, "reason") == null ? "not a call or SMS event" : text(item, "reason"));
                default -> throw new NormalizationException("unknown draft type '" + type + "'");
            }
        }
        if (calls.isEmpty() && messages.isEmpty() && ignored.isEmpty()) {
            ignored.add("the event holds no call or SMS");
        }
        return new NormalizedEvents(calls, messages, String.join("; ", ignored));
    }

    private CallEvent call(JsonNode d, Organization org, String provider) {
        String callId = required(d, "callId");
        String direction = direction(d);
        String from = PhoneNumbers.toE164(text(d, "from"), org.defaultRegion());
        String to = PhoneNumbers.toE164(text(d, "to"), org.defaultRegion());
        return new CallEvent(org.id(), provider, callId, direction, from, to, external(direction, from, to),
                text(d, "externalName"), agent(d.path("agent")),
                parseEnum(CallState.class, text(d, "state"), "state"),
                parseEnum(CallOutcome.class, text(d, "outcome"), "outcome"),
                instant(d, "startedAt"), instant(d, "answeredAt"), instant(d, "endedAt"),
                seconds(d), text(d, "recordingUrl"), text(d, "transcriptUrl"), text(d, "transcript"), text(d, "summary"));
    }

    private SmsEvent sms(JsonNode d, Organization org, String provider) {
        String direction = direction(d);
        String from = PhoneNumbers.toE164(text(d, "from"), org.defaultRegion());
        String to = PhoneNumbers.toE164(text(d, "to"), org.defaultRegion());
        return new SmsEvent(org.id(), provider, required(d, "messageId"), direction, from, to,
                external(direction, from, to), text(d, "externalName"), agent(d.path("agent")), text(d, "text"),
                instant(d, "sentAt"));
    }

    private static String external(String direction, String from, String to) {
        if (direction == null) {
            return null;
        }
        return "inbound".equals(direction) ? from : to;
    }

    private static String direction(JsonNode d) {
        String direction = text(d, "direction");
        if (direction == null) {
            return null;
        }
        direction = direction.toLowerCase(Locale.ROOT);
        if (!direction.equals("inbound") && !direction.equals("outbound")) {
            throw new NormalizationException("field direction: expected inbound or outbound, got " + quoted(direction));
        }
        return direction;
    }

    private static Agent agent(JsonNode a) {
        if (a.isMissingNode() || a.isNull()) {
            return Agent.NONE;
        }
        return new Agent(text(a, "id"), text(a, "name"), text(a, "email"), text(a, "extension"));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NormalizationException("field " + field + ": expected one of " + List.of(type.getEnumConstants())
                    + ", got " + quoted(value));
        }
    }

    /** ISO-8601 strings are read as given (a zone or offset is required); numbers are epoch milliseconds. */
    private static Instant instant(JsonNode d, String field) {
        JsonNode v = d.path(field);
        if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new NormalizationException("field " + field + ": expected an ISO-8601 instant with a zone or offset, or epoch"
                    + " milliseconds, got " + quoted(v.asText()));
        }
    }

    private static Integer seconds(JsonNode d) {
        JsonNode v = d.path("durationSeconds");
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isNumber() || (v.isTextual() && v.asText().matches("\\d+(\\.\\d+)?"))) {
            long seconds = Math.round(Double.parseDouble(v.asText()));
            if (seconds < 0 || seconds > MAX_DURATION_SECONDS) {
                throw new NormalizationException("field durationSeconds: expected 0 to " + MAX_DURATION_SECONDS + " seconds, got " + seconds);
            }
            return (int) seconds;
        }
        throw new NormalizationException("field durationSeconds: expected a number of seconds, got " + quoted(v.asText()));
    }

    private static String required(JsonNode d, String field) {
        String value = text(d, field);
        if (value == null) {
            throw new NormalizationException("field " + field + ": expected a value, got none (the connector found no "
                    + field + " in the event)");
        }
        return value;
    }

    /** A value as a reason quotes it: short enough to read in a list of failures, whatever the sender put there. */
    private static String quoted(String value) {
        return "'" + (value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…") + "'";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.isBlank() ? null : s;
    }
}
