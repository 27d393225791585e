package com.callintel.hub.connectors;

/**
 * One check a VoIP connector file must pass before the hub uses it, at start-up or when the file changes on a
 * running hub (its proof builds, its handshake exists, its jq compiles, Camel takes its template). A check throws
 * {@link IllegalStateException} naming the file and what to fix; the previous version of the file keeps serving.
 */
public interface VoipConnectorCheck {

    void check(VoipConnector candidate);

    /**
     * Puts the checked file in service (the Camel template, say); {@link #uninstall} for a removed file. Called only
     * when every check passed; a failure here also keeps the previous version.
     */
    default void install(VoipConnector connector) {
    }

    default void uninstall(VoipConnector connector) {
    }
}
