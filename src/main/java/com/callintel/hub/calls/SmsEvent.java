package com.callintel.hub.calls;

import java.time.Instant;
import java.util.UUID;

/** The canonical form of one SMS: UTC send time, E.164 numbers, the agency member and the text. */
public record SmsEvent(
        UUID orgId,
        String provider,
        String providerMessageId,
        String direction,
        String fromNumber,
        String toNumber,
        String externalNumber,
        String externalName,
        Agent agent,
        String text,
        Instant sentAt) {
}
