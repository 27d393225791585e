package com.callintel.hub.billing;

import java.nio.charset.StandardCharsets;

import com.callintel.hub.http.JsonReplies;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Stripe's webhook: verified, stored (durably, once per event id), then acknowledged; the state is worked out
 * after the answer, by {@link BillingLedger}. An event type billing does not act on is acknowledged unstored.
 */
@Component
class BillingWebhook {

    /** The answer Stripe gets: the event's id and whether it was stored now, before, or not at all. */
    record Acknowledgement(String eventId, String outcome) {
    }

    private final StripeSignature signature;
    private final BillingEvents events;
    private final ObjectMapper mapper;
    private final JsonReplies replies;

    BillingWebhook(StripeSignature signature, BillingEvents events, ObjectMapper mapper, JsonReplies replies) {
        this.signature = signature;
        this.events = events;
        this.mapper = mapper;
        this.replies = replies;
    }

    void receive(Exchange exchange) throws Exception {
        // a problem names the request's own path (the exact-path servlet leaves Camel's relative path empty)
        exchange.getIn().setHeader(Exchange.HTTP_PATH, StripeWebhookServlet.PATH);
        byte[] body = exchange.getIn().getBody(byte[].class);
        // the signature is over the exact bytes Stripe sent, which are UTF-8 JSON
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        signature.verify(payload, exchange.getIn().getHeader(StripeSignature.HEADER, String.class));
        StripeEvent event = StripeEvent.read(mapper, payload);
        String outcome = !event.handled() ? "not-handled" : events.store(event, payload) ? "stored" : "duplicate";
        replies.reply(exchange, 200, new Acknowledgement(event.id(), outcome));
    }
}
