package com.callintel.hub.calls;

import java.time.Instant;

/**
 * What a note is written from: one call or one SMS as recorded, with the agency's time zone, and the call's AI
 * analysis when there is one.
 */
public record NoteSource(String kind, String provider, String direction, String fromNumber, String toNumber,
                         String externalNumber, String externalName, String agentName, String outcome,
                         Instant startedAt, Integer durationSeconds, String recordingUrl, String transcriptUrl,
                         String transcript, String summary, String smsText, String timeZone, String region,
                         NoteIntelligence intelligence) {

    public NoteSource(String kind, String provider, String direction, String fromNumber, String toNumber,
                      String externalNumber, String externalName, String agentName, String outcome,
                      Instant startedAt, Integer durationSeconds, String recordingUrl, String transcriptUrl,
                      String transcript, String summary, String smsText, String timeZone, String region) {
        this(kind, provider, direction, fromNumber, toNumber, externalNumber, externalName, agentName, outcome,
                startedAt, durationSeconds, recordingUrl, transcriptUrl, transcript, summary, smsText, timeZone, region,
                null);
    }

    NoteSource withIntelligence(NoteIntelligence analysis) {
        return new NoteSource(kind, provider, direction, fromNumber, toNumber, externalNumber, externalName, agentName,
                outcome, startedAt, durationSeconds, recordingUrl, transcriptUrl, transcript, summary, smsText, timeZone,
                region, analysis);
    }
}
