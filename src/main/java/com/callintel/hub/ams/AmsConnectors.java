package com.callintel.hub.ams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.connectors.AmsConnector;
import com.callintel.hub.connectors.AmsConnectorCatalog;
import com.callintel.hub.connectors.AmsConnectorCheck;
import com.callintel.hub.connectors.ConnectorRoutes;
import com.callintel.hub.connectors.AmsProtocol;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The connector of each AMS type, as the content-based router of {@code ams-connector} runs it: the type's Kamelet
 * ({@code kamelet:<type>/ams-<type>}) or, for a declarative REST AMS, its protocol Kamelet with the file's
 * parameters ({@code kamelet:generic-rest/ams-<type>}). The type is looked up in the {@link AmsConnectorCatalog}
 * (never taken from the connection as an endpoint), so a file added or changed on a running hub is used from the next
 * call on: a changed file's route gets a new id ({@code ams-<type>-r<n>}) and the old one is removed.
 */
@Component
class AmsConnectors implements AmsConnectorCheck {

    private static final Logger log = LoggerFactory.getLogger(AmsConnectors.class);

    private final CamelContext camel;
    private final AmsConnectorCatalog catalog;
    private final AmsSyncProperties properties;
    private final ProducerTemplate producer;
    /** Per type, how many times its file (or its protocol) was installed on this running hub (0: as at start-up). */
    private final Map<String, Integer> generations = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** camel.component.kamelet.route-properties as configured (operator overrides), before the hub added any. */
    private Map<String, Properties> configuredRouteProperties;

    AmsConnectors(CamelContext camel, @Lazy AmsConnectorCatalog catalog, AmsSyncProperties properties) {
        this.camel = camel;
        this.catalog = catalog;
        this.properties = properties;
        this.producer = camel.createProducerTemplate();
    }

    /** Runs the {@link AmsRequest} in the body through the connector of its connection's type. */
    void dispatch(Exchange exchange) throws InvalidPayloadException {
        String type = exchange.getIn().getMandatoryBody(AmsRequest.class).connection().type();
        AmsConnector connector = catalog.ams(type)
                .orElseThrow(() -> new AmsRefusedException("no connector is installed for this AMS type"));
        producer.send(endpoint(connector), exchange);
    }

    /** The endpoint of the type's current generation, resolved once (the operator's callintel.ams.connectors wins). */
    private Endpoint endpoint(AmsConnector connector) {
        String configured = properties.connectors().get(connector.type());
        if (configured != null) {
            return endpoints.computeIfAbsent(configured, camel::getEndpoint);
        }
        String routeId = routeId(connector.type(), generations.getOrDefault(connector.type(), 0));
        // built only from the catalog's vetted names (lower-case letters, digits, dashes) and a counter
        return endpoints.computeIfAbsent("kamelet:" + connector.protocol() + "/" + routeId, uri -> {
            if (connector.declarative()) {
                routeProperties(routeId, connector, false);
            }
            return camel.getEndpoint(uri);
        });
    }

    /**
     * The REST file's parameters as the route's Kamelet properties, under what the operator configured for
     * {@code camel.component.kamelet.route-properties.ams-<type>} (which wins, parameter by parameter).
     */
    private synchronized void routeProperties(String routeId, AmsConnector connector, boolean replace) {
        KameletComponent kamelets = camel.getComponent("kamelet", KameletComponent.class);
        if (configuredRouteProperties == null) {
            configuredRouteProperties = kamelets.getRouteProperties() == null ? Map.of()
                    : new HashMap<>(kamelets.getRouteProperties());
            if (kamelets.getRouteProperties() == null) {
                kamelets.setRouteProperties(new ConcurrentHashMap<>());
            }
        }
        Properties values = new Properties();
        values.putAll(connector.parameters());
        values.putAll(configuredRouteProperties.getOrDefault(routeId(connector.type(), 0), new Properties()));
        if (replace || !kamelets.getRouteProperties().containsKey(routeId)) {
            kamelets.getRouteProperties().put(routeId, values);
        }
    }

    static String routeId(String type, int generation) {
        return "ams-" + type + (generation == 0 ? "" : "-r" + generation);
    }

    /** A new or changed file: a Kamelet of its own is parsed apart first and replaces the template; then a new id. */
    @Override
    public void install(AmsConnector connector) {
        if (!connector.declarative()) {
            loadTemplate(connector.type(), connector.file());
        }
        int previous = generations.getOrDefault(connector.type(), 0);
        int next = previous + 1;
        if (connector.declarative()) {
            routeProperties(routeId(connector.type(), next), connector, true);
        }
        generations.put(connector.type(), next);
        removeRoute(routeId(connector.type(), previous));
        log.info("AMS connector of {} installed from {}", connector.type(), connector.file());
    }

    @Override
    public void uninstall(AmsConnector connector) {
        removeRoute(routeId(connector.type(), generations.getOrDefault(connector.type(), 0)));
        generations.merge(connector.type(), 1, Integer::sum);
    }

    /** The protocol's template is replaced; each REST type on it starts a route of the new one at its next call. */
    @Override
    public void protocolChanged(AmsProtocol protocol, List<AmsConnector> types) {
        loadTemplate(protocol.name(), protocol.file());
        for (AmsConnector type : types) {
            int previous = generations.getOrDefault(type.type(), 0);
            routeProperties(routeId(type.type(), previous + 1), type, true);
            generations.put(type.type(), previous + 1);
            removeRoute(routeId(type.type(), previous));
        }
    }

    /** Parsed by Camel's YAML DSL in a throw-away context before the running one is touched. */
    private void loadTemplate(String name, java.nio.file.Path file) {
        try {
            String text = java.nio.file.Files.readString(file);
            try (CamelContext scratch = new DefaultCamelContext()) {
                PluginHelper.getRoutesLoader(scratch).loadRoutes(ResourceHelper.fromString("file:" + file, text));
            }
            camel.removeRouteTemplates(name);
            // the location's name ends in .kamelet.yaml, which makes the YAML DSL read it as a Kamelet
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:" + file, text));
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(file + ": Camel cannot load it as a Kamelet: "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private void removeRoute(String routeId) {
        ConnectorRoutes.remove(camel, routeId, log, "AMS connector");
    }
}
