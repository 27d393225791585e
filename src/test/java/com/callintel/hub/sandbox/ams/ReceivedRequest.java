package com.callintel.hub.sandbox.ams;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request as a simulator received it, so tests assert what the hub sent. Secrets are masked: credentials in
 * headers keep only their scheme ("Bearer ***"), passwords, client secrets and tickets in bodies read "***".
 */
public record ReceivedRequest(Instant at, String method, String path, String query,
        Map<String, List<String>> headers, String body) {

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).findFirst().orElse(null);
    }
}
