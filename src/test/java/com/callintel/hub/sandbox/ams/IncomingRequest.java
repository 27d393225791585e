package com.callintel.hub.sandbox.ams;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A request handed to a simulator's vendor logic: unmasked, with headers looked up in any case. */
record IncomingRequest(String baseUrl, String method, String path, String rawQuery, Map<String, List<String>> headers,
        String body) {

    IncomingRequest {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
    }

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of query parameter {@code name}, decoded as a form would be ('+' becomes a space). */
    String queryParam(String name) {
        return decodeForm(rawQuery).get(name);
    }

    Map<String, String> queryParams() {
        return decodeForm(rawQuery);
    }

    Map<String, String> formParams() {
        return decodeForm(body);
    }

    /** The URL the caller used, as problem details and HAL links name it. */
    String url() {
        return baseUrl + path + (rawQuery == null ? "" : "?" + rawQuery);
    }

    /** The bearer token of the Authorization header, or null. */
    String bearerToken() {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static Map<String, String> decodeForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }
}
