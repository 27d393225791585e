package com.callintel.hub.egress;

import java.util.regex.Pattern;

/**
 * Puts an id that came from outside (an AMS answer, a webhook) into a request path as exactly one segment: only
 * letters, digits and {@code - _ . ~} (never "." or ".." alone), at most 128 characters. Anything else is
 * refused, never repaired - so no placeholder, query, fragment, extra segment or escape can ride along.
 */
public final class PathSegments {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}");

    private PathSegments() {
    }

    /** {@code id} as one path segment; {@link EgressRefusedException} when it is not a plain id. */
    public static String of(String what, String id) {
        if (id == null || !SEGMENT.matcher(id).matches()) {
            throw new EgressRefusedException(what + " is not a plain id (letters, digits, - _ . ~)");
        }
        // every allowed character is unreserved (RFC 3986): the segment needs no percent-encoding
        return id;
    }
}
