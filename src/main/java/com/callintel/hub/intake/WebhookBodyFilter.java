package com.callintel.hub.intake;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.access.CappedBody;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import com.callintel.hub.tenancy.TenantRepository;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The cheap checks of a webhook, before anything else touches it: a known provider and endpoint key (answered
 * from memory, see {@link TenantRepository#findByEndpointKey}) before a byte of the body is read, then the body
 * read up to the size limit - a larger body is refused with 413 whether or not it declared its length - so the
 * route gets the exact bytes the signature is computed over. It guards the path as routing decodes it, so
 * {@code /%77ebhooks/…} is guarded too. The intake's bulkhead was taken before any of this ({@link IntakeAdmission}).
 */
@Component
class WebhookBodyFilter extends OncePerRequestFilter {

    static final String BODY_ATTRIBUTE = WebhookBodyFilter.class.getName() + ".body";
    private static final String PREFIX = "/webhooks/";

    /** The exact bytes received, as this filter kept them; Camel's own body is text decoded from them. */
    static byte[] receivedBody(org.apache.camel.Message message) {
        if (message instanceof PlatformHttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(BODY_ATTRIBUTE) instanceof byte[] body) {
            return body;
        }
        byte[] body = message.getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }

    /** Where the request came from (the peer address; behind a proxy, as server.forward-headers-strategy says). */
    static String source(org.apache.camel.Message message) {
        if (message instanceof PlatformHttpMessage http && http.getRequest() != null) {
            return http.getRequest().getRemoteAddr();
        }
        return "unknown";
    }

    private final long maxBytes;
    private final ProblemWriter problems;
    private final ConnectorCatalog connectors;
    private final TenantRepository tenants;

    WebhookBodyFilter(IntakeProperties properties, ProblemWriter problems, ConnectorCatalog connectors,
                      TenantRepository tenants) {
        this.maxBytes = properties.maxBodySize().toBytes();
        this.problems = problems;
        this.connectors = connectors;
        this.tenants = tenants;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CappedBody.routedPath(request).startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Problem> unknown = unknownEndpoint(CappedBody.routedPath(request).substring(PREFIX.length()));
        if (unknown.isPresent()) {
            response.setHeader("Connection", "close");
            problems.write(request, response, unknown.get());
            return;
        }
        admitted(request, response, chain);
    }

    /** The rest of the checks, then the route. */
    private void admitted(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
            // No provider posts forms; refuse before the HTTP binding tries to parse one.
            problems.write(request, response, Problem.of(415, "unsupported-content-type", "Unsupported content type",
                    "Webhooks are JSON (or a JWT for Dialpad), not '" + request.getContentType() + "'."));
            return;
        }
        Optional<byte[]> body = CappedBody.read(request, maxBytes);
        if (body.isEmpty()) {
            response.setHeader("Connection", "close");
            problems.write(request, response, Problem.of(413, "body-too-large", "Webhook body too large",
                    "The body exceeds the hub's limit of " + maxBytes + " bytes."));
            return;
        }
        request.setAttribute(BODY_ATTRIBUTE, body.get());
        chain.doFilter(CappedBody.replayable(request, body.get()), response);
    }

    /**
     * The refusal for {@code provider/endpointKey} when no such endpoint exists; the route checks the same again
     * (from memory), this is only so an unknown endpoint costs neither a body read nor a database round trip.
     */
    private Optional<Problem> unknownEndpoint(String rest) {
        String[] parts = rest.split("/", -1);
        if (parts.length != 2) {
            return Optional.empty();   // not the webhook route's shape: routing answers it (404 or 405)
        }
        String provider = parts[0];
        if (connectors.voip(provider).isEmpty()) {
            return Optional.of(Problem.of(404, "unknown-provider", "Unknown provider",
                    "No VoIP connector is installed for '" + provider + "'."));
        }
        boolean known = tenants.findByEndpointKey(parts[1]).filter(a -> a.provider().equals(provider)).isPresent();
        return known ? Optional.empty() : Optional.of(Problem.of(404, "unknown-endpoint", "Unknown webhook endpoint",
                "No " + provider + " account uses this endpoint key. Copy the webhook URL from the hub again."));
    }
}
