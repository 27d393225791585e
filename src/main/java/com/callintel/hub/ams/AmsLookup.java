package com.callintel.hub.ams;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.connectors.AmsConnector;
import com.callintel.hub.connectors.AmsConnectorCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * A live lookup of one number in an organization's AMS outside a sync (the screen pop): the same
 * {@code direct:ams-lookup} route and {@link AmsRequest} the sync uses, so every AMS type works. The
 * answer is the connector's candidate list [{id, name, ...}]; nothing of it is kept here. It goes through the
 * organization's AMS breaker like the sync: while that AMS keeps failing, a lookup fails at once instead of
 * making a ringing call wait for it, and its outcome counts towards the breaker.
 */
@Component
public class AmsLookup {

    private final AmsConnectionRepository connections;
    private final ProducerTemplate producer;
    private final ObjectMapper mapper;
    private final TenantBreakers breakers;
    private final AmsConnectorCatalog catalog;

    AmsLookup(AmsConnectionRepository connections, ProducerTemplate producer, ObjectMapper mapper,
              TenantBreakers breakers, AmsConnectorCatalog catalog) {
        this.catalog = catalog;
        this.breakers = breakers;
        this.connections = connections;
        this.producer = producer;
        this.mapper = mapper;
    }

    /** The organization's AMS connection, credentials opened, if it has one. */
    public Optional<AmsConnection> connection(UUID orgId) {
        return connections.open(orgId);
    }

    /**
     * The clients whose phone is {@code e164}; throws what the connector threw when the AMS cannot answer, or
     * {@code CallNotPermittedException} while the organization's AMS breaker is open.
     */
    public JsonNode candidates(AmsConnection ams, String e164, String region) throws Exception {
        return ask("direct:ams-lookup", AmsRequest.lookup(ams, e164, region));
    }

    /**
     * AMS types without a phone search (their file's {@code callintel.io/lookup: agent-names-record}): the agent
     * names the record, which the hub confirms live before any note.
     */
    public boolean confirmsNamedRecords(String amsType) {
        return catalog.ams(amsType).map(AmsConnector::agentNamesRecord).orElse(false);
    }

    /**
     * {@code [{id, name}]} of the record {@code targetId} when the AMS, asked now, shows {@code e164} on it; {@code []}
     * when it does not (or no such record exists). Only for {@link #confirmsNamedRecords} types; nothing is kept.
     */
    public JsonNode confirmed(AmsConnection ams, String e164, String region, String targetId) throws Exception {
        return ask("direct:ams-confirm", AmsRequest.confirm(ams, e164, region, targetId));
    }

    private JsonNode ask(String route, AmsRequest request) throws Exception {
        AmsConnection ams = request.connection();
        CircuitBreaker breaker = breakers.acquire(ams.orgId(), ams.type());
        long started = System.nanoTime();
        Exchange answer = producer.send(route, exchange -> exchange.getIn().setBody(request));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (answer.getException() != null) {
            breakers.failed(breaker, took, answer.getException());
            throw answer.getException();
        }
        breakers.succeeded(breaker, took);
        JsonNode candidates = answer.getMessage().getBody(JsonNode.class);
        return candidates == null || !candidates.isArray() ? mapper.createArrayNode() : candidates;
    }
}
