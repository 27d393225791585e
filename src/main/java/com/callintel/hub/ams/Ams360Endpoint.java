package com.callintel.hub.ams;

import java.util.Locale;

/**
 * The AMS360 WSAPI endpoint from a base URL in any of the forms agencies are given: the host root, the {@code /v3}
 * root of integration guides (ams-contract-evidence A3), or the {@code .svc} endpoint itself.
 */
final class Ams360Endpoint {

    private Ams360Endpoint() {
    }

    /**
     * {@code baseUrl} with the part of {@code servicePath} it does not already end with: a base URL ending in
     * {@code .svc} is the endpoint; one ending in the first segments of the service path (case-insensitively) gets
     * only the rest.
     */
    static String of(String baseUrl, String servicePath) {
        String base = baseUrl == null ? "" : baseUrl.trim().replaceAll("/+$", "");
        String lowerBase = base.toLowerCase(Locale.ROOT);
        if (lowerBase.endsWith(".svc")) {
            return base;
        }
        String path = servicePath.startsWith("/") ? servicePath : "/" + servicePath;
        // the longest leading part of the service path the base URL already ends with, segment by segment
        for (int end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
            String leading = path.substring(0, end).toLowerCase(Locale.ROOT);
            if (lowerBase.endsWith(leading)) {
                return base + path.substring(end);
            }
        }
        return base + path;
    }
}
