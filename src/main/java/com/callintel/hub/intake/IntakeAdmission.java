package com.callintel.hub.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.callintel.hub.access.SecurityHeaders;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.http.CappedBody;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import com.callintel.hub.tenancy.TenantRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The intake's admission, as the very first filter, before the security chain, observation or MVC dispatch spend
 * anything on a webhook: a known provider and endpoint key (answered from memory, see
 * {@link TenantRepository#findByEndpointKey}), else 404; then a place in the intake's bulkhead until the answer is
 * complete, else 503 + Retry-After at once. Under overload or a flood of made-up endpoints, refusing must cost
 * almost nothing, or the refusals eat the CPU the accepted webhooks need. It reads the path as routing decodes it,
 * so {@code /%77ebhooks/…} is caught too (and refused: no provider encodes its URL); a path not of the webhook
 * route's shape is left to routing.
 * <p>
 * An admitted webhook then goes straight to the body check ({@link WebhookBodyFilter}) and the intake's servlet,
 * past the rest of the filter chain: the webhooks' security chain is empty, their headers are written here, and
 * observation is off for them, yet the chain cost a quarter of the request threads' CPU under load (JFR, bench
 * sixth slice) - Spring Security's wrapper asks every MVC handler mapping (Camel's REST routes included) which one
 * would serve the request, for a request no handler mapping serves. The admission's checks are stricter than the
 * firewall's: only a known provider and a known endpoint key, in the exact path shape, get this far.
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
    private final WebhookBodyFilter body;
    private final Servlet intake;

    IntakeAdmission(IntakeBulkhead bulkhead, ConnectorCatalog connectors, TenantRepository tenants,
                    ProblemWriter problems, IntakeMetrics metrics, WebhookBodyFilter body,
                    @Qualifier("intakeTransportServlet") Servlet intake) {
        this.body = body;
        this.intake = intake;
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
        String[] parts = CappedBody.routedPath(request).substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2) {
            chain.doFilter(request, response);   // not the webhook route's shape: routing answers it (404 or 405)
            return;
        }
        String provider = parts[0];
        if (!request.getRequestURI().startsWith(request.getContextPath() + PREFIX)) {
            // /%77ebhooks/…: no provider encodes the URL it was given, and the path utilities of the filters after
            // this one refuse a request path that differs from the servlet path it was mapped by
            refuse(request, response, "unknown", Problem.of(400, "encoded-path", "Webhook path is encoded",
                    "Post webhooks to the URL exactly as the hub gives it, without percent-encoding its path."));
            return;
        }
        Optional<Problem> unknown = unknownEndpoint(provider, parts[1]);
        if (unknown.isPresent()) {
            response.setHeader("Connection", "close");
            refuse(request, response, connectors.voip(provider).isPresent() ? provider : "unknown", unknown.get());
            return;
        }
        long entered = bulkhead.now();
        if (!bulkhead.tryEnter()) {
            refuse(request, response, provider, bulkhead.busy());
            return;
        }
        boolean answeredLater = false;
        try {
            // the webhooks' security chain is empty (SecurityConfiguration): their headers are written here
            SecurityHeaders.write(response);
            // the body is text in UTF-8, as the chain's character encoding filter (forced) makes it for every request
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            body.doFilter(request, response, intake::service);
            if (request.isAsyncStarted()) {
                // the route answers on another thread; the answer is completed only after this thread returns
                request.getAsyncContext().addListener(bulkhead.leaveWhenAnswered(entered));
                answeredLater = true;
            }
        } finally {
            if (!answeredLater) {
                bulkhead.leave(entered);
            }
        }
    }

    /** The refusal, counted, with the headers the security chain (not run for it) sends on every answer. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String provider, Problem problem)
            throws IOException {
        metrics.refused(provider, problem);
        SecurityHeaders.write(response);
        problems.write(request, response, problem);
    }

    /** Why {@code provider/endpointKey} is no endpoint of this hub, or nothing when it is one (from memory). */
    private Optional<Problem> unknownEndpoint(String provider, String endpointKey) {
        if (connectors.voip(provider).isEmpty()) {
            return Optional.of(Problem.of(404, "unknown-provider", "Unknown provider",
                    "No VoIP connector is installed for '" + provider + "'."));
        }
        boolean known = tenants.findByEndpointKey(endpointKey).filter(a -> a.provider().equals(provider)).isPresent();
        return known ? Optional.empty() : Optional.of(Problem.of(404, "unknown-endpoint", "Unknown webhook endpoint",
                "No " + provider + " account uses this endpoint key. Copy the webhook URL from the hub again."));
    }
}
