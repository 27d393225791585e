package com.callintel.hub.intake;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.connectors.VoipConnectorCheck;
import com.callintel.hub.intake.signature.SignatureScheme;
import com.callintel.hub.intake.signature.SignatureSchemes;
import com.callintel.hub.intake.signature.StandaloneHandshakes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;

/**
 * The intake's view of a connector file outside a running hub, for the connector check: the very check the hub
 * applies before it takes a file ({@link IntakeConnectorCheck}: proof, handshake, event identity) and the identity
 * under which it would store each event (two events of one identity: the second is a duplicate, stored once).
 */
public final class StandaloneIntake {

    private final SignatureSchemes proofs = SignatureSchemes.standalone();
    private final EventIdentities identities;
    private final IntakeConnectorCheck check;

    public StandaloneIntake(CamelContext camel) {
        this.identities = new EventIdentities(camel);
        this.check = new IntakeConnectorCheck(proofs, StandaloneHandshakes.all(), identities);
    }

    /** The proof the connector declares, as the check built it (after {@link #connectorCheck()} passed). */
    public SignatureScheme proof(VoipConnector connector) {
        return proofs.of(connector);
    }

    public VoipConnectorCheck connectorCheck() {
        return check;
    }

    /** The de-duplication key of this verified event ({@code kind:id}, or {@code unidentified:<sha-256>}). */
    public String dedupeKey(VoipConnector connector, JsonNode event) {
        return identities.identify(connector, event).dedupeKey();
    }
}
