package com.callintel.hub.intake.signature;

import java.util.Map;

/** The answer to a provider's endpoint handshake; it is sent as is and nothing is stored. */
public record HandshakeReply(int status, Map<String, String> headers, String body) {
}
