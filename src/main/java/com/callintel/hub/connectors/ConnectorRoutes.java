package com.callintel.hub.connectors;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;

/** What replacing a connector file does to the route of its previous version, for VoIP and AMS connectors alike. */
public final class ConnectorRoutes {

    private ConnectorRoutes() {
    }

    /**
     * Stops (letting in-flight exchanges finish) and removes a connector's route, if it was ever created; a route
     * that will not go is logged as {@code what} and left (its replacement already serves).
     */
    public static void remove(CamelContext camel, String routeId, Logger log, String what) {
        if (camel.getRoute(routeId) == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            log.warn("Old {} route {} not removed: {}", what, routeId, e.toString());
        }
    }
}
