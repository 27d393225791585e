package com.callintel.hub.intake.signature;

import java.util.List;

/**
 * Every handshake the hub answers, outside a running hub (the connector check), as {@link SignatureSchemes#standalone()}
 * gives the proofs: a new {@link Handshake} {@code @Component} is listed here too.
 */
public final class StandaloneHandshakes {

    private StandaloneHandshakes() {
    }

    public static Handshakes all() {
        return new Handshakes(List.of(new RingCentralValidation(), new ZoomUrlValidation()));
    }
}
