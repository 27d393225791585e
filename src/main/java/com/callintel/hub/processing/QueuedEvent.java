package com.callintel.hub.processing;

import java.time.Instant;
import java.util.UUID;

import com.callintel.hub.tenancy.Organization;

/**
 * A stored webhook claimed for processing by this node, under a lease, with what its normalization needs read in
 * the same claim: when it was received, and its organization (null when the organization no longer exists).
 */
public record QueuedEvent(UUID orgId, long id, String provider, String eventKind, String payload, int attempts,
                          Instant receivedAt, Organization organization) {
}
