package com.callintel.hub.intake;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.connectors.VoipConnectorCheck;
import com.callintel.hub.intake.signature.Handshakes;
import com.callintel.hub.intake.signature.SignatureSchemes;
import org.springframework.stereotype.Component;

/**
 * What the intake needs of a connector file before it takes a webhook for it: its proof builds from the declared
 * parameters, its handshake exists and its event identity compiles. A file failing any of these stops the start,
 * or is refused on a running hub while its previous version keeps serving.
 */
@Component
class IntakeConnectorCheck implements VoipConnectorCheck {

    private final SignatureSchemes signatures;
    private final Handshakes handshakes;
    private final EventIdentities identities;

    IntakeConnectorCheck(SignatureSchemes signatures, Handshakes handshakes, EventIdentities identities) {
        this.signatures = signatures;
        this.handshakes = handshakes;
        this.identities = identities;
    }

    @Override
    public void check(VoipConnector candidate) {
        signatures.of(candidate);
        try {
            handshakes.get(candidate.handshake());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(candidate.file() + ": annotation callintel.io/handshake: " + e.getMessage(), e);
        }
        identities.compile(candidate);
    }
}
