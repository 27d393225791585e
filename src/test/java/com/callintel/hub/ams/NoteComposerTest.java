package com.callintel.hub.ams;

import java.time.Instant;
import java.util.UUID;

import com.callintel.hub.calls.NoteSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The note says what happened on the call in the agency's own time, and never loses text silently. */
class NoteComposerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final NoteComposer composer = new NoteComposer();

    @Test
    void callNoteNamesDirectionNumbersAgentLocalStartDurationOutcomeAndLinks() {
        NoteComposer.Note note = composer.compose(call("Caller wants a quote."), ams("{}"), "callintel-ref-1", 250, 8000);

        assertThat(note.text())
                .contains("Inbound call from Marcus Bell +1 555-555-0123 to +1 555-555-0100")
                .contains("Agent: Dana Whitfield")
                .contains("Started: Mon 2 Mar 2026 09:04 CST")
                .contains("Duration: 5m 30s · Outcome: answered")
                .contains("Recording: https://rec.example/1")
                .contains("Summary: Caller wants a quote.")
                .contains("CallIntel ref: callintel-ref-1");
        assertThat(note.description()).isEqualTo("Inbound call Marcus Bell +1 555-555-0123, 5m 30s, answered");
    }

    @Test
    void organizationTemplateReplacesTheDefault() {
        NoteComposer.Note note = composer.compose(call(null),
                ams("{\"callNoteTemplate\":\"{Direction} call, {duration}, ref {ref}\"}"), "r-9", 250, 8000);

        assertThat(note.text()).isEqualTo("Inbound call, 5m 30s, ref r-9");
    }

    @Test
    void textOverTheAmsLimitIsCutWithAVisibleMarker() {
        String longSummary = "x".repeat(5000);
        NoteComposer.Note note = composer.compose(call(longSummary), ams("{}"), "r", 40, 1000);

        assertThat(note.text()).hasSize(1000).contains(" more characters in CallIntel]").contains("[…truncated, ");
        assertThat(note.description()).hasSize(40).containsPattern("…\\(\\+\\d+\\)$");
    }

    @Test
    void noteCutForLengthStillEndsWithItsRef() {
        NoteComposer.Note note = composer.compose(call("y".repeat(9000)), ams("{}"), "callintel-0a1b2c3d-call-17/v2", 250, 2000);

        assertThat(note.text()).hasSize(2000)
                .contains(" more characters in CallIntel]\n")
                .endsWith("\nCallIntel ref: callintel-0a1b2c3d-call-17/v2");
    }

    @Test
    void refInTheMiddleOfATemplateMovesToTheEndOnlyWhenTheCutWouldLoseIt() {
        AmsConnection ams = ams("{\"callNoteTemplate\":\"ref {ref}\\n{summary}\\nend\"}");

        assertThat(composer.compose(call("short"), ams, "r-1", 250, 100).text()).isEqualTo("ref r-1\nshort\nend");
        assertThat(NoteComposer.cutKeepingRef("a\nref r-1\n" + "z".repeat(500), "r-1", 200))
                .hasSize(200).startsWith("a\nref r-1\nzzz");
        assertThat(NoteComposer.cutKeepingRef("z".repeat(500) + "\nref r-1\nend", "r-1", 200))
                .hasSize(200).startsWith("zzz").contains("more characters in CallIntel]\n").endsWith("\nref r-1");
    }

    @Test
    void smsNoteCarriesTheMessage() {
        NoteSource sms = new NoteSource("sms", "zoom", "inbound", "+15555550123", "+15555550100", "+15555550123",
                "Marcus Bell", "Dana Whitfield", null, Instant.parse("2026-03-02T18:15:30Z"), null, null, null, null,
                null, "Hi, can you send my auto ID card?", "America/Chicago", "US");

        assertThat(composer.compose(sms, ams("{}"), "r", 250, 8000).text())
                .contains("Inbound text message from Marcus Bell").contains("Message: Hi, can you send my auto ID card?")
                .contains("Sent: Mon 2 Mar 2026 12:15 CST");
    }

    @Test
    void anOutboundCallNobodyPickedUpReadsNoAnswer() {
        NoteSource callBack = new NoteSource("call", "aircall", "outbound", "+15555550100", "+15555550177",
                "+15555550177", null, "Dana Whitfield", "no_answer", Instant.parse("2026-03-02T17:20:00Z"), 0, null, null,
                null, null, null, "America/Chicago", "US");

        NoteComposer.Note note = composer.compose(callBack, ams("{}"), "r", 250, 8000);
        assertThat(note.text()).contains("Outcome: no answer");
        assertThat(note.description()).endsWith(", no answer");
    }

    private static NoteSource call(String summary) {
        return new NoteSource("call", "zoom", "inbound", "+15555550123", "+15555550100", "+15555550123", "Marcus Bell",
                "Dana Whitfield", "answered", Instant.parse("2026-03-02T15:04:05Z"), 330, "https://rec.example/1", null,
                null, summary, null, "America/Chicago", "US");
    }

    private static AmsConnection ams(String settings) {
        try {
            return new AmsConnection(UUID.randomUUID(), "applied-epic", "https://ams.test", JSON.readTree("{}"), "65536",
                    JSON.readTree(settings), Instant.EPOCH);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
