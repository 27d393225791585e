package com.callintel.hub.calls;

import java.time.Instant;

/** What a note is written from: one call or one SMS as recorded, with the agency's time zone. */
public record NoteSource(String kind, String provider, String direction, String fromNumber, String toNumber,
                         String externalNumber, String externalName, String agentName, String outcome,
                         Instant startedAt, Integer durationSeconds, String recordingUrl, String transcriptUrl,
                         String transcript, String summary, String smsText, String timeZone, String region) {
}
