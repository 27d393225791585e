package com.callintel.hub.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.callintel.hub.tenancy.SecretVault;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a purged event from coming back: when the hard-maximum purge deletes an event, a keyed hash of its
 * de-duplication key (HMAC-SHA256 with a hub key, so no call id or number can be read back or confirmed by
 * guessing) stays in {@code replay_guard}, and the intake stores no event whose key hashes to one of them.
 * The hub key is generated once, kept in {@code hub_key} sealed by the vault.
 */
@Component
public class ReplayGuard {

    private static final String PURPOSE = "replay-guard";
    private static final int BLOCK = 64;

    private final JdbcClient jdbc;
    private final SecretVault vault;
    private final Duration retention;
    private volatile byte[] key;

    /** One Mac per thread: looking the algorithm up costs more than the hash (a Mac is not thread-safe). */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    ReplayGuard(JdbcClient jdbc, SecretVault vault, IntakeProperties properties) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.retention = properties.replayGuardRetention();
    }

    /** The keyed hash of a de-duplication key, as the purge stores it. */
    public byte[] hash(String dedupeKey) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(dedupeKey.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * HMAC's inner pad (key XOR 0x36), so the purge can hash in SQL the way {@link #hash} does in Java:
     * {@code sha256(outerPad || sha256(innerPad || key))}.
     */
    public byte[] innerPad() {
        return pad((byte) 0x36);
    }

    /** HMAC's outer pad (key XOR 0x5c); see {@link #innerPad()}. */
    public byte[] outerPad() {
        return pad((byte) 0x5c);
    }

    /** How long a purged event's hash keeps refusing its replay. */
    public Duration retention() {
        return retention;
    }

    private byte[] pad(byte with) {
        byte[] padded = new byte[BLOCK];
        byte[] k = key();
        for (int i = 0; i < BLOCK; i++) {
            padded[i] = (byte) ((i < k.length ? k[i] : 0) ^ with);
        }
        return padded;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                k = key;
            }
        }
        return k;
    }

    /** The one hub key every node shares: the first node to need it makes it. */
    private byte[] loadOrCreate() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into hub_key (purpose, sealed) values (:purpose, :sealed) on conflict (purpose) do nothing")
                .param("purpose", PURPOSE)
                .param("sealed", vault.seal(Base64.getEncoder().encodeToString(fresh), context()))
                .update();
        String sealed = jdbc.sql("select sealed from hub_key where purpose = :purpose").param("purpose", PURPOSE)
                .query(String.class).single();
        return Base64.getDecoder().decode(vault.open(sealed, context()));
    }

    private static String context() {
        return "hub_key:" + PURPOSE;
    }
}
