package com.callintel.hub.intake;

import java.io.IOException;
import java.util.Optional;

import com.callintel.hub.http.CappedBody;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webhook's body, once {@link IntakeAdmission} has admitted it (known endpoint, a place in the bulkhead): no
 * forms, and read up to the size limit - a larger body is refused with 413 whether or not it declared its length -
 * so the route gets the exact bytes the signature is computed over. It guards the path as routing decodes it, so
 * {@code /%77ebhooks/…} is guarded too.
 */
@Component
class WebhookBodyFilter extends OncePerRequestFilter {

    static final String BODY_ATTRIBUTE = WebhookBodyFilter.class.getName() + ".body";
    private static final String PREFIX = "/webhooks/";

    /** The exact bytes received, as this filter kept them; Camel's own body is text decoded from them. */
    static byte[] receivedBody(org.apache.camel.Message message) {
        if (message instanceof HttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(BODY_ATTRIBUTE) instanceof byte[] body) {
            return body;
        }
        byte[] body = message.getBody(byte[].class);
        return body == null ? new byte[0] : body;
    }

    /** Where the request came from (the peer address; behind a proxy, as server.forward-headers-strategy says). */
    static String source(org.apache.camel.Message message) {
        if (message instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest().getRemoteAddr();
        }
        return "unknown";
    }

    private final long maxBytes;
    private final ProblemWriter problems;

    WebhookBodyFilter(IntakeProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CappedBody.routedPath(request).startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
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
}
