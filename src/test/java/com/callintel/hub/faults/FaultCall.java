package com.callintel.hub.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One whole answered inbound Zoom call the fault suite sends (one "ended" webhook, from the shared fixture):
 * its own call id, a caller that is exactly one client of the sandbox AMS, and a talk time of its own, so that a
 * call merged with another or a note on the wrong client shows in the stored rows.
 */
record FaultCall(String callId, String caller, String clientId, int talkSeconds) {

    /** Callers that match exactly one client of the sandbox AMS's default book, and that client. */
    private static final List<String[]> CALLERS = List.of(
            new String[] {"+15555550123", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101"},
            new String[] {"+15555550188", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7102"},
            new String[] {"+15555550142", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103"},
            new String[] {"+15555550150", "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7106"});
    private static final Path FIXTURE = Path.of("../shared/fixtures/voip/zoom/inbound-completed.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RANG = Instant.parse("2026-03-02T15:04:05Z");

    /** The {@code n}th call of a run whose call ids start with {@code prefix} (digits, as Zoom's are). */
    static FaultCall number(String prefix, int n) {
        String[] caller = CALLERS.get(n % CALLERS.size());
        return new FaultCall(prefix + String.format("%09d", n), caller[0], caller[1], 10 + n % 600);
    }

    /** The provider's JSON body of this call's "ended" event. */
    byte[] body() {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(FIXTURE));
            event.put("event_ts", System.currentTimeMillis());
            ObjectNode call = (ObjectNode) event.path("payload").path("object");
            call.put("call_id", callId);
            ((ObjectNode) call.path("caller")).put("phone_number", caller).remove("name");
            Instant answered = RANG.plusSeconds(7);
            call.put("ringing_start_time", RANG.toString());
            call.put("answer_start_time", answered.toString());
            call.put("call_end_time", answered.plusSeconds(talkSeconds).toString());
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
