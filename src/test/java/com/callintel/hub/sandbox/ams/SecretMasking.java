package com.callintel.hub.sandbox.ams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Masks credentials before a simulator records a request: the recordings are for asserting, not for secrets. */
final class SecretMasking {

    static final String MASK = "***";
    private static final Pattern FORM_SECRET = Pattern.compile("(?i)(client_secret|password)=[^&]*");
    private static final Pattern XML_SECRET =
            Pattern.compile("(<(?:\\w+:)?(Password|Ticket)(?:\\s[^>]*)?>)[^<]*(</(?:\\w+:)?\\2>)");

    private SecretMasking() {
    }

    /** Credentials keep only their scheme ("Bearer ***"); cookies and key/token/secret headers are masked whole. */
    static Map<String, List<String>> maskHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> masked = new LinkedHashMap<>();
        headers.forEach((name, values) -> masked.put(name, values.stream().map(v -> mask(name, v)).toList()));
        return masked;
    }

    static String maskForm(String body) {
        return FORM_SECRET.matcher(body).replaceAll("$1=" + MASK);
    }

    static String maskXml(String body) {
        return XML_SECRET.matcher(body).replaceAll("$1" + MASK + "$3");
    }

    private static String mask(String header, String value) {
        String name = header.toLowerCase(Locale.ROOT);
        if (name.equals("authorization") || name.equals("proxy-authorization")) {
            int space = value.indexOf(' ');
            return space < 0 ? MASK : value.substring(0, space) + " " + MASK;
        }
        if (name.contains("cookie") || name.contains("secret") || name.contains("password") || name.contains("token") || name.contains("api-key")
                || name.contains("apikey")) {
            return MASK;
        }
        return value;
    }
}
