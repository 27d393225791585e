package com.callintel.hub.intake.signature;

import java.util.Map;

/** A webhook as its provider would post it: the body bytes and the headers that carry the proof. */
public record SignedWebhook(byte[] body, Map<String, String> headers) {

    public SignedWebhook {
        headers = Map.copyOf(headers);
    }
}
