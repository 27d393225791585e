package com.callintel.hub.intake.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and SHA-256 with constant-time comparison, the primitives every provider scheme is built from. */
final class Hmac {

    /** One Mac per thread: looking the algorithm up costs more than the HMAC of a webhook (a Mac is not thread-safe). */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private Hmac() {
    }

    static byte[] sha256(String key, byte[] message) {
        return sha256(key, message, 0, message.length);
    }

    /** The HMAC of {@code length} bytes of {@code message} from {@code offset}. */
    static byte[] sha256(String key, byte[] message, int offset, int length) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(message, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String key, byte[] message) {
        return HexFormat.of().formatHex(sha256(key, message));
    }

    static String digestHex(byte[] message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares without leaking, through timing, how many leading characters matched. */
    static boolean constantTimeEquals(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static boolean constantTimeEquals(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }
}
