package com.callintel.hub.intake;

import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.EventIdentities.EventIdentity;
import com.callintel.hub.intake.signature.Handshake;
import com.callintel.hub.intake.signature.HandshakeReply;
import com.callintel.hub.intake.signature.Handshakes;
import com.callintel.hub.intake.signature.SignatureSchemes;
import com.callintel.hub.intake.signature.VerifiedEvent;
import com.callintel.hub.problem.JsonProblems;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.tenancy.ProviderAccount;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpMessage;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The steps of the webhook ack path, each called by one step of the {@code intake-webhook} route:
 * admit (known endpoint, content type), verify (handshake or signature, then the rate: a verified webhook spends
 * its endpoint's bucket, anything unverified only the small buckets of its source and endpoint), store. Nothing
 * else runs before the provider gets its answer.
 */
@Component
public class WebhookIntake {

    static final String REQUEST = "callintel.request";
    static final String ACCOUNT = "callintel.account";
    static final String CONNECTOR = "callintel.connector";
    static final String EVENT = "callintel.event";
    /** The verified event as received: stored as it is (jsonb normalizes it), never serialized again. */
    static final String EVENT_JSON = "callintel.event-json";
    static final String HANDSHAKE = "callintel.handshake";
    static final String SOURCE = "callintel.source";

    private final ConnectorCatalog connectors;
    private final TenantRepository tenants;
    private final SignatureSchemes signatures;
    private final Handshakes handshakes;
    private final EndpointRateLimiter rateLimiter;
    private final EventIdentities identities;
    private final InboundEventStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final IntakeMetrics metrics;

    WebhookIntake(ConnectorCatalog connectors, TenantRepository tenants, SignatureSchemes signatures,
                  Handshakes handshakes, EndpointRateLimiter rateLimiter, EventIdentities identities,
                  InboundEventStore store, ObjectMapper mapper, Clock clock, IntakeMetrics metrics) {
        this.connectors = connectors;
        this.tenants = tenants;
        this.signatures = signatures;
        this.handshakes = handshakes;
        this.rateLimiter = rateLimiter;
        this.identities = identities;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The provider and endpoint key from the path under /webhooks/ ({@code /{provider}/{endpointKey}}), else 404. */
    public void route(Exchange exchange) {
        Message in = exchange.getIn();
        HttpServletRequest request = in instanceof HttpMessage http ? http.getRequest() : null;
        // the path as routing decoded it (/%77ebhooks/… is /webhooks/…); problems name the request's whole path
        String path = request == null || request.getPathInfo() == null ? "" : request.getPathInfo();
        if (request != null) {
            in.setHeader(Exchange.HTTP_PATH, request.getRequestURI());
        }
        String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ProblemException(Problem.of(404, "not-found", "Not found",
                    "Webhooks are posted to /webhooks/{provider}/{endpointKey}."));
        }
        in.setHeader("provider", parts[0]);
        in.setHeader("endpointKey", parts[1]);
    }

    /** Known provider, known endpoint key of that provider, acceptable content type. */
    public void admit(Exchange exchange) {
        Message in = exchange.getIn();
        String provider = in.getHeader("provider", String.class);
        String endpointKey = in.getHeader("endpointKey", String.class);
        VoipConnector connector = connectors.voip(provider).orElseThrow(() -> new ProblemException(Problem.of(404,
                "unknown-provider", "Unknown provider", "No VoIP connector is installed for '" + provider + "'.")));
        exchange.setProperty(CONNECTOR, connector);
        ProviderAccount account = tenants.findByEndpointKey(endpointKey)
                .filter(a -> a.provider().equals(connector.provider()))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "unknown-endpoint", "Unknown webhook endpoint",
                        "No " + provider + " account uses this endpoint key. Copy the webhook URL from the hub again.")));
        HttpServletRequest servletRequest = ((HttpMessage) in).getRequest();
        WebhookRequest request = new WebhookRequest(provider, endpointKey, headers(servletRequest),
                WebhookBodyFilter.receivedBody(in), clock.instant());
        String contentType = servletRequest.getContentType();
        if (request.hasBody() && !connector.accepts(contentType)) {
            throw new ProblemException(Problem.of(415, "unsupported-content-type", "Unsupported content type",
                    provider + " webhooks must be sent as " + String.join(" or ", connector.contentTypes())
                            + ", not '" + contentType + "'."));
        }
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(ACCOUNT, account);
        exchange.setProperty(SOURCE, WebhookBodyFilter.source(in));
    }

    /** Answers a handshake, or checks the signature and parses the event it vouches for. */
    public void verify(Exchange exchange) {
        WebhookRequest request = exchange.getProperty(REQUEST, WebhookRequest.class);
        ProviderAccount account = exchange.getProperty(ACCOUNT, ProviderAccount.class);
        VoipConnector connector = exchange.getProperty(CONNECTOR, VoipConnector.class);
        Handshake handshake = handshakes.get(connector.handshake());
        String source = exchange.getProperty(SOURCE, String.class);
        Optional<HandshakeReply> early = handshake.beforeVerification(request);
        if (early.isPresent()) {
            // carries no proof, so it may only spend what unverified requests may
            withinUnverifiedRate(source, account);
            exchange.setProperty(HANDSHAKE, early.get());
            return;
        }
        VerifiedEvent verified;
        try {
            verified = signatures.of(connector).verifyEvent(request, account.webhookSecret(), request.receivedAt());
        } catch (ProblemException refused) {
            withinUnverifiedRate(source, account);
            throw refused;
        }
        withinRate(account);
        JsonNode event = verified.parsed() != null ? verified.parsed() : parse(verified.json());
        Optional<HandshakeReply> signed = handshake.afterVerification(request, event, account.webhookSecret());
        if (signed.isPresent()) {
            exchange.setProperty(HANDSHAKE, signed.get());
            return;
        }
        exchange.setProperty(EVENT, event);
        exchange.setProperty(EVENT_JSON, verified.json());
    }

    /** Commits the event to the queue (once per dedupe key), then sets the acknowledgement. */
    public void store(Exchange exchange) {
        ProviderAccount account = exchange.getProperty(ACCOUNT, ProviderAccount.class);
        VoipConnector connector = exchange.getProperty(CONNECTOR, VoipConnector.class);
        JsonNode event = exchange.getProperty(EVENT, JsonNode.class);
        EventIdentity identity = identities.identify(connector, event);
        boolean stored;
        try {
            stored = store.store(account, identity.dedupeKey(), identity.kind(),
                    exchange.getProperty(EVENT_JSON, String.class));
        } catch (GroupCommit.UnstorableEventException e) {
            // e.g. a \u0000 in a JSON string, which PostgreSQL's jsonb refuses: the provider must not resend it
            throw new ProblemException(Problem.of(422, "payload-not-storable", "Event cannot be stored",
                    "The event JSON contains values the hub cannot store (such as NUL characters)."));
        }
        // only now, with the event safely stored, is its token spent (a retry after a 503 must still get in)
        WebhookRequest request = exchange.getProperty(REQUEST, WebhookRequest.class);
        signatures.of(connector).accepted(request, account.webhookSecret(), request.receivedAt());
        metrics.answered(connector.provider(), stored ? "stored" : "duplicate");
        Message reply = exchange.getMessage();
        reply.removeHeaders("*");
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        reply.setHeader(Exchange.CONTENT_TYPE, "application/json");
        reply.setBody("{\"received\":true,\"duplicate\":" + !stored + "}");
    }

    /** Sends the handshake answer exactly as the provider expects it. */
    public void answerHandshake(Exchange exchange) {
        HandshakeReply handshake = exchange.getProperty(HANDSHAKE, HandshakeReply.class);
        Message reply = exchange.getMessage();
        reply.removeHeaders("*");
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, handshake.status());
        handshake.headers().forEach(reply::setHeader);
        reply.setBody(handshake.body());
    }

    /** A verified webhook spends its endpoint's bucket: the provider's own volume is what this limits. */
    private void withinRate(ProviderAccount account) {
        long waitSeconds = rateLimiter.tryAcquire(account.id());
        if (waitSeconds > 0) {
            throw new ProblemException(Problem.of(429, "rate-limited", "Too many webhooks",
                    "This endpoint is over its rate limit; retry after " + waitSeconds + " s.").retryAfter((int) waitSeconds));
        }
    }

    /** An unverified request spends only the small buckets of its source and endpoint, never the provider's. */
    private void withinUnverifiedRate(String source, ProviderAccount account) {
        long waitSeconds = rateLimiter.tryAcquireUnverified(source, account.id());
        if (waitSeconds > 0) {
            throw new ProblemException(Problem.of(429, "rate-limited", "Too many unverified webhooks",
                    "Too many unverified requests from this address or to this endpoint; retry after " + waitSeconds + " s.")
                    .retryAfter((int) waitSeconds));
        }
    }

    private JsonNode parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ProblemException(Problem.of(400, "malformed-json", "Malformed event",
                        "The webhook body must be one JSON object."));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.of(e));
        }
    }

    /** The request's headers as sent (Camel does not map them: intake-webhook reads them here, once). */
    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            // a field sent more than once reads as its values joined by commas (RFC 9110, 5.3)
            headers.put(name, String.join(", ", Collections.list(request.getHeaders(name))));
        }
        return headers;
    }
}
