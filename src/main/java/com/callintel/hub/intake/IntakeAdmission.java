package com.callintel.hub.intake;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.access.CappedBody;
import com.callintel.hub.access.SecurityHeaders;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.problem.ProblemWriter;
import com.callintel.hub.tenancy.TenantRepository;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The intake's bulkhead, as the very first filter: a webhook to a known endpoint (checked from memory) takes a
 * place until its answer is complete, or is refused with 503 + Retry-After at once when the node is at capacity,
 * before the security chain, observation or MVC dispatch spend anything on it - under overload, refusing must cost
 * almost nothing, or the refusals eat the CPU the accepted webhooks need. Anything else passes untouched (an unknown
 * endpoint is refused by {@link WebhookBodyFilter} later, with the same answer as ever).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeAdmission extends OncePerRequestFilter {

    private static final String PREFIX = "/webhooks/";

    private final IntakeBulkhead bulkhead;
    private final ConnectorCatalog connectors;
    private final TenantRepository tenants;
    private final ProblemWriter problems;
    private final IntakeMetrics metrics;

    IntakeAdmission(IntakeBulkhead bulkhead, ConnectorCatalog connectors, TenantRepository tenants,
                    ProblemWriter problems, IntakeMetrics metrics) {
        this.bulkhead = bulkhead;
        this.connectors = connectors;
        this.tenants = tenants;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CappedBody.routedPath(request).startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String provider = knownEndpointProvider(CappedBody.routedPath(request).substring(PREFIX.length()));
        if (provider == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!bulkhead.tryEnter()) {
            metrics.refused(provider, bulkhead.busy());
            SecurityHeaders.write(response);
            problems.write(request, response, bulkhead.busy());
            return;
        }
        boolean answeredLater = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                // the route answers on another thread; the answer is completed only after this thread returns
                request.getAsyncContext().addListener(bulkhead.leaveWhenAnswered());
                answeredLater = true;
            }
        } finally {
            if (!answeredLater) {
                bulkhead.leave();
            }
        }
    }

    /** The provider of {@code provider/endpointKey} when that endpoint exists (from memory), else null. */
    private String knownEndpointProvider(String rest) {
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        String provider = rest.substring(0, slash);
        if (connectors.voip(provider).isEmpty()) {
            return null;
        }
        return tenants.findByEndpointKey(rest.substring(slash + 1)).filter(a -> a.provider().equals(provider))
                .isPresent() ? provider : null;
    }
}
