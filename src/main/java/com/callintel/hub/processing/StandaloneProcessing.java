package com.callintel.hub.processing;

import com.callintel.hub.connectors.VoipConnectorCheck;
import org.apache.camel.CamelContext;

/**
 * Processing's parts outside a running hub, for the connector check: the normalizers' check and install of a
 * connector file (Camel's YAML DSL reads it as a Kamelet in a throw-away context, then the given context takes its
 * template, exactly as on a running hub's reload).
 */
public final class StandaloneProcessing {

    /** The headers the normalizer of a connector reads, as processing sets them: the provider and the organization id. */
    public static final String PROVIDER_HEADER = ProcessingRoutes.PROVIDER;
    public static final String ORG_HEADER = ProcessingRoutes.ORG;

    private StandaloneProcessing() {
    }

    /** The normalizers over {@code camel}; only {@code check} and {@code install} are for use (no catalog to dispatch by). */
    public static VoipConnectorCheck normalizers(CamelContext camel) {
        return new Normalizers(camel, null);
    }
}
