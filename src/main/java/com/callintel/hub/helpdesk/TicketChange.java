package com.callintel.hub.helpdesk;

import java.time.Instant;

/** One thing support did with a ticket: a status change, with or without a reply to the reporter. */
record TicketChange(String operatorId, String fromStatus, String toStatus, String reply, Instant at) {
}
