package com.callintel.hub.calls;

import java.time.Instant;
import java.util.UUID;

/**
 * The canonical form of one provider event about a call: UTC instants, seconds, E.164 numbers. Fields an event
 * does not know are null; {@link CallLedger} merges every event of a call into one row.
 */
public record CallEvent(
        UUID orgId,
        String provider,
        String providerCallId,
        String direction,
        String fromNumber,
        String toNumber,
        String externalNumber,
        String externalName,
        Agent agent,
        CallState state,
        CallOutcome outcome,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        Integer durationSeconds,
        String recordingUrl,
        String transcriptUrl,
        String transcript,
        String summary) {
}
