package com.callintel.hub.tenancy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals credentials with AES-256-GCM before they reach the database: a fresh 96-bit IV per value, the key id
 * in the sealed text so keys can rotate, and the owning row's identity as associated data so a sealed value
 * copied onto another row does not open.
 * Sealed form: {@code v1.<keyId>.<base64url iv>.<base64url ciphertext+tag>}.
 */
@Component
public class SecretVault {

    private static final Logger log = LoggerFactory.getLogger(SecretVault.class);
    private static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    SecretVault(VaultProperties properties) {
        Map<String, SecretKey> loaded = new HashMap<>();
        // configured keys are standard base64, as `openssl rand -base64 32` prints them
        properties.keys().forEach((id, material) -> loaded.put(id, aesKey(id, Base64.getDecoder().decode(material.trim()))));
        String active = properties.activeKeyId();
        if (loaded.isEmpty()) {
            if (!properties.allowDevKey()) {
                throw new IllegalStateException("No vault master key configured: set callintel.vault.keys.<id> "
                        + "(base64 of 32 random bytes) and callintel.vault.active-key-id");
            }
            active = "dev";
            loaded.put(active, aesKey(active, devKey(properties)));
        }
        if (active == null || !loaded.containsKey(active)) {
            throw new IllegalStateException("callintel.vault.active-key-id must name one of the configured keys " + loaded.keySet());
        }
        this.keys = Map.copyOf(loaded);
        this.activeKeyId = active;
    }

    /** Seals {@code plaintext} for the row named by {@code context} (for example "provider_account:<id>:secret"). */
    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return String.join(".", VERSION, activeKeyId, B64.encodeToString(iv), B64.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a value sealed by {@link #seal}; fails when the value, its key or its context do not match. */
    public String open(String sealedValue, String context) {
        String[] parts = sealedValue.split("\\.");
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a sealed value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("sealed with unknown vault key id '" + parts[1] + "'");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, B64D.decode(parts[2])));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(B64D.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value does not open with key '" + parts[1] + "'", e);
        }
    }

    /** The key id new values are sealed with; rows sealed with another id are due for re-sealing. */
    public String activeKeyId() {
        return activeKeyId;
    }

    private static SecretKey aesKey(String id, byte[] material) {
        if (material.length != 32) {
            throw new IllegalStateException("vault key '" + id + "' must be 32 bytes (AES-256), got " + material.length);
        }
        return new SecretKeySpec(material, "AES");
    }

    private byte[] devKey(VaultProperties properties) {
        try {
            var file = properties.devKeyFile();
            if (Files.exists(file)) {
                return B64D.decode(Files.readString(file).trim());
            }
            byte[] material = new byte[32];
            random.nextBytes(material);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, B64.encodeToString(material));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the key still works
            }
            log.warn("Generated a development vault key in {} - configure callintel.vault.keys for production", file);
            return material;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development vault key " + properties.devKeyFile(), e);
        }
    }
}
