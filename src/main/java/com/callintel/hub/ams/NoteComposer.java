package com.callintel.hub.ams;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.callintel.hub.calls.NoteIntelligence;
import com.callintel.hub.calls.NoteSource;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.springframework.stereotype.Component;

/**
 * Writes the note text for a call or an SMS from the organization's template (a sensible default otherwise):
 * direction, both numbers, agent, start in the agency's time zone, duration, outcome, recording link,
 * transcript and summary, and the AI analysis when there is one ({@code {intelligence}}: intent, sentiment,
 * follow-up actions; its line is left out when the call has none). Text beyond the AMS's limit is cut with a
 * visible marker, never silently.
 */
@Component
public class NoteComposer {

    /** The note: a one-line description (activity title) and the full text. */
    public record Note(String description, String text) {
    }

    static final String DEFAULT_CALL_TEMPLATE = """
            [CallIntel] {Direction} call {fromTo}
            Agent: {agent}
            Started: {started} · Duration: {duration} · Outcome: {outcome}
            Recording: {recording}
            Summary: {summary}
            {intelligence}
            Transcript: {transcript}
            CallIntel ref: {ref}""";
    static final String DEFAULT_SMS_TEMPLATE = """
            [CallIntel] {Direction} text message {fromTo}
            Agent: {agent}
            Sent: {started}
            Message: {text}
            CallIntel ref: {ref}""";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.US);

    /**
     * The note for {@code source}; {@code ref} is the sync's idempotency key, written into the note so that a
     * person (or a later read-back) can tell whether the AMS already holds it.
     */
    public Note compose(NoteSource source, AmsConnection ams, String ref, int maxDescription, int maxText) {
        String template = ams.setting("call".equals(source.kind()) ? "callNoteTemplate" : "smsNoteTemplate",
                "call".equals(source.kind()) ? DEFAULT_CALL_TEMPLATE : DEFAULT_SMS_TEMPLATE);
        Map<String, Function<NoteSource, String>> fields = Map.ofEntries(
                Map.entry("Direction", s -> capitalize(s.direction())),
                Map.entry("fromTo", NoteComposer::fromTo),
                Map.entry("agent", s -> orDash(s.agentName())),
                Map.entry("started", NoteComposer::started),
                Map.entry("duration", s -> duration(s.durationSeconds())),
                Map.entry("outcome", s -> orDash(spoken(s.outcome()))),
                Map.entry("recording", s -> orDash(s.recordingUrl())),
                Map.entry("summary", NoteComposer::summary),
                Map.entry("intelligence", NoteComposer::intelligence),
                Map.entry("transcript", s -> s.transcript() != null ? "\n" + s.transcript() : orDash(s.transcriptUrl())),
                Map.entry("text", s -> orDash(s.smsText())),
                Map.entry("ref", s -> ref));
        String text = source.intelligence() == null ? template.replaceAll("(?m)^[^\n]*\\{intelligence}[^\n]*\n?", "") : template;
        for (var field : fields.entrySet()) {
            text = text.replace("{" + field.getKey() + "}", field.getValue().apply(source));
        }
        String description = capitalize(source.direction()) + ("call".equals(source.kind()) ? " call " : " text ")
                + (source.externalName() != null ? source.externalName() + " " : "") + pretty(source.externalNumber())
                + ("call".equals(source.kind()) && source.durationSeconds() != null ? ", " + duration(source.durationSeconds()) : "")
                + ("call".equals(source.kind()) && source.outcome() != null ? ", " + spoken(source.outcome()) : "");
        return new Note(cut(description, maxDescription), cutKeepingRef(text, ref, maxText));
    }

    /**
     * Cuts like {@link #cut} but keeps the line holding the ref whole (moved to the end if it was not already):
     * a note cut for length must still carry its ref, or a read-back could not find it.
     */
    static String cutKeepingRef(String text, String ref, int max) {
        String cut = cut(text, max);
        int at = ref == null || ref.isEmpty() ? -1 : text.lastIndexOf(ref);
        if (cut.equals(text) || at < 0 || cut.contains(ref)) {
            return cut;
        }
        int lineStart = text.lastIndexOf('\n', at) + 1;
        int lineEnd = text.indexOf('\n', at);
        String refLine = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        if (refLine.length() * 2 > max) {
            return cut;
        }
        String rest = lineEnd < 0 ? text.substring(0, Math.max(0, lineStart - 1))
                : text.substring(0, lineStart) + text.substring(lineEnd + 1);
        return cut(rest, max - refLine.length() - 1) + "\n" + refLine;
    }

    /** Cuts text to {@code max} characters with a marker that says how much was left out. */
    static String cut(String text, int max) {
        if (max <= 0 || text.length() <= max) {
            return text;
        }
        int cut = text.length() - max;
        String marker = " […truncated, " + cut + " more characters in CallIntel]";
        if (max <= marker.length() * 2) {
            marker = "…(+" + cut + ")";     // a short field still shows that it was cut
        }
        if (max <= marker.length()) {
            return text.substring(0, Math.max(0, max - 1)) + "…";
        }
        return text.substring(0, max - marker.length()) + marker;
    }

    /** The provider's own summary wins; the AI's stands in where there is none, marked as the AI's. */
    private static String summary(NoteSource s) {
        if (s.summary() != null && !s.summary().isBlank()) {
            return s.summary();
        }
        return s.intelligence() == null ? "-" : s.intelligence().summary() + " (AI)";
    }

    private static String intelligence(NoteSource s) {
        NoteIntelligence ai = s.intelligence();
        if (ai == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("AI analysis: intent ").append(ai.intent().replace('_', ' '))
                .append(" · sentiment ").append(ai.sentiment());
        text.append("\nFollow-up: ").append(ai.actions().isEmpty() ? "none agreed" : "");
        ai.actions().forEach(action -> text.append("\n  - ").append(action));
        if (ai.cutNotice() != null) {
            text.append("\n").append(ai.cutNotice());
        }
        return text.toString();
    }

    private static String fromTo(NoteSource s) {
        String external = (s.externalName() != null ? s.externalName() + " " : "") + pretty(s.externalNumber());
        return "inbound".equals(s.direction()) ? "from " + external + " to " + pretty(s.toNumber())
                : "to " + external + " from " + pretty(s.fromNumber());
    }

    private static String started(NoteSource s) {
        if (s.startedAt() == null) {
            return "-";
        }
        return WHEN.format(s.startedAt().atZone(ZoneId.of(s.timeZone())));
    }

    static String duration(Integer seconds) {
        if (seconds == null) {
            return "-";
        }
        return seconds >= 60 ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
    }

    static String pretty(String e164) {
        if (e164 == null) {
            return "unknown number";
        }
        try {
            var util = PhoneNumberUtil.getInstance();
            return util.format(util.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** An outcome as words in a note: {@code no_answer} reads "no answer". */
    private static String spoken(String outcome) {
        return outcome == null ? null : outcome.replace('_', ' ');
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
