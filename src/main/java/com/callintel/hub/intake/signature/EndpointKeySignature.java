package com.callintel.hub.intake.signature;

import java.time.Instant;
import java.util.Map;

import com.callintel.hub.intake.WebhookRequest;
import org.springframework.stereotype.Component;

/**
 * For providers that sign nothing (GoTo Connect, Vonage Business VIS): the unguessable endpoint key in the URL,
 * already matched before this point, is the only proof. Connectors using it must treat the body as untrusted.
 */
@Component
class EndpointKeySignature implements SignatureScheme {

    @Override
    public String name() {
        return "endpoint-key";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        return request.bodyText();
    }

    @Override
    public SignedWebhook sign(byte[] event, String secret, Instant now) {
        // unsigned: the endpoint key in the URL is the proof
        return new SignedWebhook(event, Map.of("Content-Type", "application/json"));
    }
}
