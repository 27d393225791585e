package com.callintel.hub.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A webhook as received: the exact body bytes (signatures are over them) and headers by case-insensitive name. */
public record WebhookRequest(String provider, String endpointKey, Map<String, String> headers, byte[] body,
                             Instant receivedAt) {

    public WebhookRequest {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = byName;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A body with more than white space in it. */
    public boolean hasBody() {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }
}
