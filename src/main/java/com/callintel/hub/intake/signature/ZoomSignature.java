package com.callintel.hub.intake.signature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.intake.IntakeProperties;
import com.callintel.hub.intake.WebhookRequest;
import org.springframework.stereotype.Component;

/**
 * Zoom: {@code x-zm-signature = v0=hex(HMAC-SHA256(secret token, "v0:{x-zm-request-timestamp}:{raw body}"))},
 * with the timestamp (epoch seconds) inside the replay window.
 */
@Component
class ZoomSignature implements SignatureScheme {

    private final Duration replayWindow;

    ZoomSignature(IntakeProperties properties) {
        this.replayWindow = properties.replayWindow();
    }

    @Override
    public String name() {
        return "zoom-v0";
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        String timestamp = request.header("x-zm-request-timestamp");
        String signature = request.header("x-zm-signature");
        if (timestamp == null || signature == null) {
            throw SignatureProblems.invalid("missing x-zm-request-timestamp or x-zm-signature header");
        }
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            throw SignatureProblems.invalid("x-zm-request-timestamp is not epoch seconds");
        }
        if (sent.isBefore(now.minus(replayWindow)) || sent.isAfter(now.plus(replayWindow))) {
            throw SignatureProblems.stale("x-zm-request-timestamp " + sent + " is more than "
                    + replayWindow.toSeconds() + " s from the hub's time " + now);
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(("v0:" + timestamp.trim() + ":").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(request.body());
        String expected = "v0=" + Hmac.sha256Hex(secret, message.toByteArray());
        if (!Hmac.constantTimeEquals(expected, signature.trim().toLowerCase())) {
            throw SignatureProblems.invalid("x-zm-signature does not match the app's secret token");
        }
        return request.bodyText();
    }

    /** The {@code encryptedToken} of Zoom's URL validation answer: hex HMAC-SHA256(secret, plainToken). */
    static String encryptedToken(String secret, String plainToken) {
        return Hmac.sha256Hex(secret, plainToken.getBytes(StandardCharsets.UTF_8));
    }
}
