package com.callintel.hub.connectors;

/**
 * What puts an AMS connector file in service beyond reading it (the Camel side: a changed protocol template, the
 * route of a REST configuration). Called by the {@link AmsConnectorCatalog} only for a file that passed the
 * catalog's own checks; a throw here refuses the file and its previous version keeps serving.
 */
public interface AmsConnectorCheck {

    void install(AmsConnector connector);

    void uninstall(AmsConnector connector);

    /** A protocol Kamelet (such as generic-rest) changed: {@code types}, which run on it, take the new template. */
    void protocolChanged(AmsProtocol protocol, java.util.List<AmsConnector> types);
}
