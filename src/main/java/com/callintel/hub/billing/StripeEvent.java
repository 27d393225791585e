package com.callintel.hub.billing;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Stripe event as billing reads it (Stripe's documented shape: {@code id}, {@code type}, {@code created} in epoch
 * seconds, {@code data.object} the object's snapshot), and the types billing acts on.
 */
record StripeEvent(String id, String type, Instant created, JsonNode object) {

    static final Set<String> HANDLED = Set.of("checkout.session.completed", "customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed");

    /** Reads a verified payload; a payload not of an event's shape is a 400 problem. */
    static StripeEvent read(ObjectMapper mapper, String payload) {
        JsonNode event;
        try {
            event = mapper.readTree(payload);
        } catch (IOException e) {
            throw unreadable("The body is not valid JSON.");
        }
        if (event == null || !event.isObject()) {
            throw unreadable("The body is not a JSON object.");
        }
        String id = event.path("id").asText("");
        if (id.isBlank() || id.length() > 255) {
            throw unreadable("The event has no id.");
        }
        String type = event.path("type").asText("");
        if (type.isBlank()) {
            throw unreadable("The event has no type.");
        }
        if (!event.path("created").canConvertToLong()) {
            throw unreadable("The event has no created time.");
        }
        return new StripeEvent(id, type, Instant.ofEpochSecond(event.path("created").asLong()),
                event.path("data").path("object"));
    }

    boolean handled() {
        return HANDLED.contains(type);
    }

    /** The Stripe customer the object belongs to ({@code cus_…}), a string or an expanded object. */
    String customer() {
        JsonNode customer = object.path("customer");
        String id = customer.isObject() ? customer.path("id").asText(null) : customer.asText(null);
        return id == null || id.isBlank() ? null : id;
    }

    private static ProblemException unreadable(String detail) {
        return new ProblemException(Problem.of(400, "invalid-event", "Not a Stripe event", detail));
    }
}
