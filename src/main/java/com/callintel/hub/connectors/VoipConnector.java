package com.callintel.hub.connectors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the intake needs to know of one VoIP connector file: how the provider proves a request genuine (a scheme and
 * its {@code callintel.io/signature-*} parameters, by name without the prefix), which handshake it performs, which content types it sends and how to name each event for de-duplication.
 * The normalizing route itself lives in the same file and is run by Camel as a Kamelet. {@code setup} is what an
 * admin is told to do in the provider's own admin to connect it.
 */
public record VoipConnector(
        String provider,
        Path file,
        String signatureScheme,
        Map<String, String> signatureParameters,
        String handshake,
        List<String> contentTypes,
        String eventIdentityJq,
        ConnectorSetup setup) {

    public VoipConnector {
        signatureParameters = Map.copyOf(signatureParameters);
        contentTypes = List.copyOf(contentTypes);
        if (setup == null) {
            setup = new ConnectorSetup(provider, null, ConnectorSetup.GENERIC_STEPS, List.of());
        }
    }

    /** A connector whose file says nothing of its setup: the generic steps. */
    public VoipConnector(String provider, Path file, String signatureScheme, Map<String, String> signatureParameters,
                         String handshake, List<String> contentTypes, String eventIdentityJq) {
        this(provider, file, signatureScheme, signatureParameters, handshake, contentTypes, eventIdentityJq, null);
    }

    public boolean accepts(String contentType) {
        if (contentTypes.contains("*")) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase();
        return contentTypes.contains(mediaType);
    }
}
