package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the signed-in user to the Camel routes: platform-http runs routes on its own threads, where Spring
 * Security's thread-bound context is not visible, so the user travels as a request attribute.
 */
class HubUserAttributeFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = HubUser.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof HubUserConverter.HubAuthentication auth) {
            request.setAttribute(ATTRIBUTE, auth.user());
        }
        chain.doFilter(request, response);
    }
}
