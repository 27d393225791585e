package com.callintel.hub.helpdesk;

/** A mail about a ticket: to whom, where answers go, subject and plain-text body. */
record TicketMail(String recipient, String replyTo, String subject, String body) {
}
