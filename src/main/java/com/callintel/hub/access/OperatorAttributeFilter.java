package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the signed-in operator to the operator API's Camel routes (as {@link HubUserAttributeFilter} hands members
 * to the API's): from an operator's bearer token or from the browser session of the operator's page.
 */
class OperatorAttributeFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = PlatformOperator.class.getName();
    private static final String AUTHORITY = "ROLE_" + OperatorConverter.ROLE;

    private final AccessProperties.Claims claims;

    OperatorAttributeFilter(AccessProperties.Claims claims) {
        this.claims = claims;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()))) {
            if (authentication instanceof JwtAuthenticationToken bearer) {
                request.setAttribute(ATTRIBUTE, new PlatformOperator(bearer.getToken().getSubject(),
                        bearer.getToken().getClaimAsString(claims.email())));
            } else if (authentication.getPrincipal() instanceof SignedInUser browser && browser.operator()) {
                request.setAttribute(ATTRIBUTE, new PlatformOperator(browser.getSubject(), browser.getEmail()));
            }
        }
        chain.doFilter(request, response);
    }
}
