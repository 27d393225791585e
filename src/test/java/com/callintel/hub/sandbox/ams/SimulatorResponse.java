package com.callintel.hub.sandbox.ams;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers to one request: status, content type, extra headers and body. */
record SimulatorResponse(int status, String contentType, Map<String, String> headers, String body) {

    static SimulatorResponse of(int status, String contentType, String body) {
        return new SimulatorResponse(status, contentType, Map.of(), body);
    }

    static SimulatorResponse text(int status, String body) {
        return of(status, "text/plain; charset=utf-8", body);
    }

    SimulatorResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatorResponse(status, contentType, more, body);
    }

    byte[] bytes() {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
