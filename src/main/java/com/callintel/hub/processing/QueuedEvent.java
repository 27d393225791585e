package com.callintel.hub.processing;

import java.util.UUID;

/** A stored webhook claimed for processing by this node, under a lease. */
public record QueuedEvent(UUID orgId, long id, String provider, String eventKind, String payload, int attempts) {
}
