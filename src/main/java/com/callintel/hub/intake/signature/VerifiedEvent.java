package com.callintel.hub.intake.signature;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The event a webhook's proof vouches for: its JSON text as received (what the hub stores) and, when the proof
 * already parsed it, its tree ({@code null} otherwise).
 */
public record VerifiedEvent(String json, JsonNode parsed) {

    static VerifiedEvent unparsed(String json) {
        return new VerifiedEvent(json, null);
    }
}
