package com.callintel.hub.access;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers for an answer written before Spring Security's filters run (the intake's refusal of a
 * webhook at capacity, made first so that shedding load costs almost nothing): the same values the security
 * configuration sends on every other response.
 */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static void write(HttpServletResponse response) {
        response.setHeader("Strict-Transport-Security", "max-age=" + SecurityConfiguration.HSTS_MAX_AGE_SECONDS
                + " ; includeSubDomains");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", SecurityConfiguration.PERMISSIONS_POLICY);
        response.setHeader("Content-Security-Policy", SecurityConfiguration.CSP);
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    }
}
