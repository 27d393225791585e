package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Part of the API security chain: every request of a signed-in member - each read of personal data, each admin
 * action - leaves an audit row with the answer it got. Because it sits in front of every /api endpoint, a new
 * endpoint is audited without anyone remembering to.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private final AuditLog audit;

    AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(HubUserAttributeFilter.ATTRIBUTE) instanceof HubUser user) {
                if (request.isAsyncStarted()) {
                    // the routes answer asynchronously: the status is known only when the exchange completes
                    request.getAsyncContext().addListener(new AsyncListener() {
                        @Override
                        public void onComplete(AsyncEvent event) {
                            record(user, request, response);
                        }

                        @Override
                        public void onTimeout(AsyncEvent event) {
                        }

                        @Override
                        public void onError(AsyncEvent event) {
                        }

                        @Override
                        public void onStartAsync(AsyncEvent event) {
                        }
                    });
                } else {
                    record(user, request, response);
                }
            }
        }
    }

    private void record(HubUser user, HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        try {
            audit.record(user, request.getMethod() + " " + path.replaceAll("/[0-9a-fA-F-]{1,36}(?=/|$)", "/{id}"),
                    path, response.getStatus());
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // the organization no longer exists (it was just deleted): nothing of it may remain, so the log keeps it
            log.info("Audit: {} {} by {} of deleted organization {} -> {}", request.getMethod(), path, user.userId(),
                    user.orgId(), response.getStatus());
        } catch (RuntimeException e) {
            log.error("Audit row not written for {} {} by {}: {}", request.getMethod(), path, user.userId(), e.getMessage());
        }
    }
}
