package com.callintel.hub.ai;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;

/**
 * Dialpad webhooks of one call with the transcript a test chooses, signed as Dialpad signs them: the shared
 * fixtures with the call id, the transcription text and (for a redelivery in a new event) the event time replaced.
 */
public final class TranscribedCalls {

    private static final Path DIALPAD = Path.of("../shared/fixtures/voip/dialpad");

    private TranscribedCalls() {
    }

    /** The fixture's call started at this instant (epoch ms): other times move with it. */
    private static final long FIXTURE_START = 1772463845000L;
    private static final java.util.regex.Pattern TIMES =
            java.util.regex.Pattern.compile("\"(date_started|date_rang|date_connected|date_ended|event_timestamp)\": (\\d+)");

    /** The call's end, then its transcript: what a transcribed Dialpad call sends (on the fixture's day). */
    public static SignedRequest[] call(String callId, String transcript, String secret) {
        return call(callId, transcript, Instant.ofEpochMilli(FIXTURE_START), secret);
    }

    /** The same call, started at {@code startedAt}. */
    public static SignedRequest[] call(String callId, String transcript, Instant startedAt, String secret) {
        long shift = startedAt.toEpochMilli() - FIXTURE_START;
        return new SignedRequest[] {
                signed("inbound-completed.json", callId, transcript, shift, null, secret),
                signed("transcription.json", callId, transcript, shift, null, secret)};
    }

    /** The transcript again, in an event of its own (another event time). */
    public static SignedRequest transcript(String callId, String transcript, long eventTimestamp, String secret) {
        return signed("transcription.json", callId, transcript, 0, eventTimestamp, secret);
    }

    private static SignedRequest signed(String fixture, String callId, String transcript, long shift, Long eventTimestamp,
                                        String secret) {
        String body;
        try {
            body = Files.readString(DIALPAD.resolve(fixture));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        body = body.replace("6263000000000001", callId)
                .replaceAll("\"transcription_text\": \"[^\"]*\"", "\"transcription_text\": \"" + transcript + "\"");
        body = TIMES.matcher(body).replaceAll(m -> "\"" + m.group(1) + "\": " + (Long.parseLong(m.group(2)) + shift));
        if (eventTimestamp != null) {
            body = body.replaceAll("\"event_timestamp\": \\d+", "\"event_timestamp\": " + eventTimestamp);
        }
        return SampleSender.sign("dialpad", body.getBytes(StandardCharsets.UTF_8), secret, Instant.now());
    }
}
