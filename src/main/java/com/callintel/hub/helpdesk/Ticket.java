package com.callintel.hub.helpdesk;

import java.time.Instant;
import java.util.UUID;

/** A support ticket as stored: who opened it in which organization, about what, and where it stands. */
record Ticket(UUID orgId, long id, String organizationName, String reporterId, String reporterEmail, String reporterRole,
              String category, String subject, String text, String status, Instant createdAt, Instant updatedAt) {
}
