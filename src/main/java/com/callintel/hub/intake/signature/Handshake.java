package com.callintel.hub.intake.signature;

import java.util.Optional;

import com.callintel.hub.intake.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;

/** A provider's endpoint handshake. Connector files name theirs in {@code callintel.io/handshake}. */
public interface Handshake {

    String name();

    /** A handshake that carries no proof of its own is answered before any signature check (RingCentral). */
    default Optional<HandshakeReply> beforeVerification(WebhookRequest request) {
        return Optional.empty();
    }

    /** A handshake that is itself signed is answered once the signature held (Zoom). */
    default Optional<HandshakeReply> afterVerification(WebhookRequest request, JsonNode event, String secret) {
        return Optional.empty();
    }
}
