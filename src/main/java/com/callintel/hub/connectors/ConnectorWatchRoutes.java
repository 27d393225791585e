package com.callintel.hub.connectors;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Watches the connector folder on a running hub: a new, changed or removed VoIP connector file, AMS connector file
 * or REST AMS file ({@code connectors/ams/rest/}) takes effect within
 * {@code callintel.connectors.watch-interval} (checked first; an invalid file is refused and logged, its previous
 * version keeps serving). Polling the files' text, not a file-system watch: it works on every file system and a
 * half-written file is simply refused until it is whole.
 */
@Component
class ConnectorWatchRoutes extends RouteBuilder {

    private final ConnectorCatalog catalog;
    private final AmsConnectorCatalog amsCatalog;

    ConnectorWatchRoutes(ConnectorCatalog catalog, AmsConnectorCatalog amsCatalog) {
        this.catalog = catalog;
        this.amsCatalog = amsCatalog;
    }

    @Override
    public void configure() {
        from("scheduler:connector-watch?delay={{callintel.connectors.watch-interval}}&initialDelay={{callintel.connectors.watch-interval}}")
                .routeId("connector-watch")
                .autoStartup("{{callintel.connectors.watch}}")
                .bean(catalog, "refresh").id("connector-watch-refresh")
                .bean(amsCatalog, "refresh").id("connector-watch-refresh-ams");
    }
}
