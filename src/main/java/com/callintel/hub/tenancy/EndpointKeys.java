package com.callintel.hub.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable per-account webhook path keys (256 random bits) and the hash the database looks them up by. */
public final class EndpointKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EndpointKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "ek_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String endpointKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(endpointKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
