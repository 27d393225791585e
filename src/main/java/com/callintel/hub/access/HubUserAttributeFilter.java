package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the signed-in user to the Camel routes: platform-http runs routes on its own threads, where Spring
 * Security's thread-bound context is not visible, so the user travels as a request attribute. It comes from the
 * bearer token, or from the browser session of the hub's pages.
 */
class HubUserAttributeFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = HubUser.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof HubUserConverter.HubAuthentication bearer) {
            request.setAttribute(ATTRIBUTE, bearer.user());
        } else if (authentication != null && authentication.getPrincipal() instanceof SignedInUser browser && browser.user() != null) {
            request.setAttribute(ATTRIBUTE, browser.user());
        }
        chain.doFilter(request, response);
    }
}
