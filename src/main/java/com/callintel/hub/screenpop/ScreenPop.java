package com.callintel.hub.screenpop;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One pop as stored: for the agent {@code memberId} (null: every connected agent of the organization), the card
 * {@code payload} (number, caller, AMS candidates, last activity), and when the webhook behind it arrived.
 */
record ScreenPop(UUID orgId, long id, long callId, String memberId, JsonNode payload, Instant receivedAt,
                 Instant createdAt) {

    boolean addressedTo(UUID org, String userId) {
        return orgId.equals(org) && (memberId == null || memberId.equals(userId));
    }
}
