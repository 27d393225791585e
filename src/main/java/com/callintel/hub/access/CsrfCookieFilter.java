package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the console's CSRF cookie exist after every response: Spring Security writes it lazily, and the
 * console's first Jolokia POST after sign-in would otherwise have no token to send back.
 */
class CsrfCookieFilter extends OncePerRequestFilter {

    /** Only the console's pages need the cookie; health probes and scripts get none. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/actuator/hawtio");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken(); // loading the deferred token writes the cookie
        }
        chain.doFilter(request, response);
    }
}
