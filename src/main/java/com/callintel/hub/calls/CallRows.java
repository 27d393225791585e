package com.callintel.hub.calls;

/**
 * The rows the read API answers with, as {@link CallQueries} builds them and the OpenAPI document declares them
 * (times as ISO-8601 text in UTC).
 */
final class CallRows {

    private CallRows() {
    }

    /** A call as normalized, with its AMS sync status. */
    record CallRow(long id, String provider, String providerCallId, String direction, String fromNumber, String toNumber,
                   String externalNumber, String externalName, String agentId, String agentName, String agentEmail,
                   String agentExtension, String state, String outcome, String startedAt, String answeredAt,
                   String endedAt, Integer durationSeconds, String recordingUrl, String transcriptUrl,
                   boolean hasTranscript, boolean hasSummary, int eventCount, String updatedAt, String amsStatus) {
    }

    /** An SMS message, without its text. */
    record MessageRow(long id, String provider, String providerMessageId, String direction, String fromNumber,
                      String toNumber, String externalNumber, String externalName, String agentId, String agentName,
                      String sentAt) {
    }

    /** A stored webhook and how its processing went. */
    record EventRow(long id, String provider, String eventKind, String status, int attempts, String failureReason,
                    String receivedAt, String processedAt) {
    }
}
