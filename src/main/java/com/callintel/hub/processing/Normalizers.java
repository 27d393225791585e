package com.callintel.hub.processing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.ConnectorRoutes;
import com.callintel.hub.connectors.TemplateJq;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.connectors.VoipConnectorCheck;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The normalizer of each provider: the Kamelet of its connector file, run as {@code kamelet:<provider>/normalize-…}.
 * The dispatch picks it by the event's provider from the catalog (never from the event itself), so a connector
 * file changed on a running hub is used from the next event on: the new template is parsed by Camel's YAML DSL in a
 * throw-away context (only then: at start-up Camel loads every template itself), replaces the old one, and the next event creates its route under a new id; the old
 * route is removed once its in-flight events are done.
 */
@Component
class Normalizers implements VoipConnectorCheck {

    private static final Logger log = LoggerFactory.getLogger(Normalizers.class);

    private final CamelContext camel;
    private final ConnectorCatalog catalog;
    private final ProducerTemplate producer;
    /** Per provider, how many times its file was installed on this running hub (0: as read at start-up). */
    private final Map<String, Integer> generations = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    Normalizers(CamelContext camel, @Lazy ConnectorCatalog catalog) {
        this.camel = camel;
        this.catalog = catalog;
        this.producer = camel.createProducerTemplate();
    }

    /** Runs the event (its payload as the body) through its provider's normalizer, in this exchange. */
    void dispatch(Exchange exchange) {
        String provider = exchange.getIn().getHeader(ProcessingRoutes.PROVIDER, String.class);
        VoipConnector connector = catalog.voip(provider)
                .orElseThrow(() -> new NormalizationException("no connector is installed for this provider"));
        producer.send(endpoint(connector.provider()), exchange);
    }

    /** The normalizer endpoint of the provider's current generation, resolved once (not from its URI per event). */
    private Endpoint endpoint(String provider) {
        return endpoints.computeIfAbsent(endpointUri(provider), camel::getEndpoint);
    }

    /** Built only from the catalog's vetted provider name (lower-case letters, digits, dashes) and a counter. */
    private String endpointUri(String provider) {
        return "kamelet:" + provider + "/" + routeId(provider, generations.getOrDefault(provider, 0));
    }

    private static String routeId(String provider, int generation) {
        return "normalize-" + provider + (generation == 0 ? "" : "-r" + generation);
    }

    /** Nothing at start-up: Camel itself loads every template then, and a file it cannot read stops the start. */
    @Override
    public void check(VoipConnector candidate) {
    }

    /**
     * A changed file, parsed by Camel's YAML DSL in a throw-away context before the running one is touched, and its
     * template's jq compiled (Camel would compile it only when the first event of the new version arrives).
     */
    private void parses(VoipConnector candidate) {
        try (CamelContext scratch = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(scratch).loadRoutes(resource(candidate));
            TemplateJq.firstError(candidate.file(), scratch).ifPresent(error -> {
                throw new IllegalStateException(error);
            });
        } catch (IllegalStateException refused) {
            throw refused;
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException(candidate.file() + ": Camel cannot load it as a Kamelet: "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    @Override
    public void install(VoipConnector connector) {
        parses(connector);
        String provider = connector.provider();
        int previous = generations.getOrDefault(provider, 0);
        try {
            camel.removeRouteTemplates(provider);
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource(connector));
        } catch (Exception e) {
            throw new IllegalStateException(connector.file() + ": Camel did not take the new template: " + e.getMessage(), e);
        }
        generations.put(provider, previous + 1);
        removeRoute(routeId(provider, previous));
        log.info("Normalizer of {} replaced from {}", provider, connector.file());
    }

    @Override
    public void uninstall(VoipConnector connector) {
        String provider = connector.provider();
        removeRoute(routeId(provider, generations.getOrDefault(provider, 0)));
        try {
            camel.removeRouteTemplates(provider);
        } catch (Exception e) {
            log.warn("Template of removed connector {} not removed: {}", provider, e.toString());
        }
    }

    private void removeRoute(String routeId) {
        ConnectorRoutes.remove(camel, routeId, log, "normalizer");
    }

    private static Resource resource(VoipConnector connector) throws java.io.IOException {
        // the location's name ends in .kamelet.yaml, which makes the YAML DSL read it as a Kamelet (a route template)
        return ResourceHelper.fromString("file:" + connector.file().toString(),
                java.nio.file.Files.readString(connector.file()));
    }
}
