package com.callintel.hub.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretVaultTest {

    private static final String CONTEXT = "provider_account:7f3a:secret";
    private static final String PLAINTEXT = "zm_test_secret_7d41b0";
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    @TempDir
    Path tmp;

    @Test
    void sealedValueOpensToItsPlaintext() {
        SecretVault vault = vaultWith(Map.of("k1", newKey()), "k1");

        assertThat(vault.open(vault.seal(PLAINTEXT, CONTEXT), CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void sealedFormNamesVersionAndKeyAndCarriesAFresh96BitIv() {
        SecretVault vault = vaultWith(Map.of("k1", newKey()), "k1");

        String[] parts = vault.seal(PLAINTEXT, CONTEXT).split("\\.");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("v1");
        assertThat(parts[1]).isEqualTo("k1");
        assertThat(B64URL.decode(parts[2])).hasSize(12);
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentIvsAndCiphertexts() {
        SecretVault vault = vaultWith(Map.of("k1", newKey()), "k1");

        String[] first = vault.seal(PLAINTEXT, CONTEXT).split("\\.");
        String[] second = vault.seal(PLAINTEXT, CONTEXT).split("\\.");

        assertThat(second[2]).as("IV").isNotEqualTo(first[2]);
        assertThat(second[3]).as("ciphertext").isNotEqualTo(first[3]);
    }

    @Test
    void sealedValueDoesNotContainThePlaintext() {
        SecretVault vault = vaultWith(Map.of("k1", newKey()), "k1");

        String sealed = vault.seal(PLAINTEXT, CONTEXT);
        byte[] ciphertext = B64URL.decode(sealed.split("\\.")[3]);

        assertThat(sealed).doesNotContain(PLAINTEXT)
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(PLAINTEXT.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(PLAINTEXT);
        // 16-byte GCM tag after the ciphertext
        assertThat(ciphertext).hasSize(PLAINTEXT.length() + 16);
    }

    @Test
    void valueCopiedOntoAnotherRowDoesNotOpen() {
        SecretVault vault = vaultWith(Map.of("k1", newKey()), "k1");
        String sealed = vault.seal(PLAINTEXT, "provider_account:7f3a:secret");

        assertThatIllegalStateException().isThrownBy(() -> vault.open(sealed, "provider_account:9b21:secret"));
    }

    @Test
    void oneFlippedCiphertextBitIsDetected() {
        SecretVault vault = vaultWith(Map.of("k1", newKey()), "k1");
        String[] parts = vault.seal(PLAINTEXT, CONTEXT).split("\\.");
        byte[] ciphertext = B64URL.decode(parts[3]);
        ciphertext[0] ^= 0x01;
        String tampered = String.join(".", parts[0], parts[1], parts[2],
                Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext));

        assertThatIllegalStateException().isThrownBy(() -> vault.open(tampered, CONTEXT));
    }

    @Test
    void valueSealedBeforeKeyRotationStillOpensWhileNewValuesUseTheNewKey() {
        String k1 = newKey();
        String sealedUnderK1 = vaultWith(Map.of("k1", k1), "k1").seal(PLAINTEXT, CONTEXT);

        SecretVault rotated = vaultWith(Map.of("k1", k1, "k2", newKey()), "k2");

        assertThat(sealedUnderK1).startsWith("v1.k1.");
        assertThat(rotated.open(sealedUnderK1, CONTEXT)).isEqualTo(PLAINTEXT);
        assertThat(rotated.activeKeyId()).isEqualTo("k2");
        String resealed = rotated.seal(PLAINTEXT, CONTEXT);
        assertThat(resealed).startsWith("v1.k2.");
        assertThat(rotated.open(resealed, CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void valueSealedUnderARetiredKeyIsRefusedNamingTheKey() {
        String sealedUnderK1 = vaultWith(Map.of("k1", newKey()), "k1").seal(PLAINTEXT, CONTEXT);
        SecretVault withoutK1 = vaultWith(Map.of("k2", newKey()), "k2");

        assertThatIllegalStateException().isThrownBy(() -> withoutK1.open(sealedUnderK1, CONTEXT))
                .withMessageContaining("k1");
    }

    @Test
    void sameKeyIdWithOtherMaterialDoesNotOpen() {
        String sealed = vaultWith(Map.of("k1", newKey()), "k1").seal(PLAINTEXT, CONTEXT);
        SecretVault impostor = vaultWith(Map.of("k1", newKey()), "k1");

        assertThatIllegalStateException().isThrownBy(() -> impostor.open(sealed, CONTEXT));
    }

    @Test
    void keyThatIsNot256BitsIsRefusedAtStartup() {
        String aes128 = Base64.getEncoder().encodeToString(randomBytes(16));

        assertThatIllegalStateException().isThrownBy(() -> vaultWith(Map.of("k1", aes128), "k1"))
                .withMessageContaining("k1").withMessageContaining("32 bytes");
    }

    @Test
    void activeKeyIdThatNamesNoConfiguredKeyIsRefusedAtStartup() {
        assertThatIllegalStateException().isThrownBy(() -> vaultWith(Map.of("k1", newKey()), "k2"))
                .withMessageContaining("active-key-id");
    }

    @Test
    void noKeyAndNoDevKeyAllowedRefusesToStart() {
        Path devKeyFile = tmp.resolve("vault-dev.key");

        assertThatIllegalStateException()
                .isThrownBy(() -> new SecretVault(new VaultProperties(Map.of(), null, devKeyFile, false)))
                .withMessageContaining("callintel.vault.keys");
        assertThat(devKeyFile).doesNotExist();
    }

    @Test
    void devKeyIsGeneratedOnceAndReusedSoOldValuesStillOpen() {
        Path devKeyFile = tmp.resolve("state/vault-dev.key");
        VaultProperties dev = new VaultProperties(Map.of(), null, devKeyFile, true);

        SecretVault firstRun = new SecretVault(dev);
        String sealed = firstRun.seal(PLAINTEXT, CONTEXT);
        SecretVault secondRun = new SecretVault(dev);

        assertThat(devKeyFile).exists();
        assertThat(firstRun.activeKeyId()).isEqualTo("dev");
        assertThat(sealed).startsWith("v1.dev.");
        assertThat(secondRun.open(sealed, CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void devKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path devKeyFile = tmp.resolve("vault-dev.key");

        new SecretVault(new VaultProperties(Map.of(), null, devKeyFile, true));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(devKeyFile))).isEqualTo("rw-------");
    }

    private SecretVault vaultWith(Map<String, String> keys, String activeKeyId) {
        return new SecretVault(new VaultProperties(keys, activeKeyId, tmp.resolve("unused-dev.key"), false));
    }

    /** A key as operators configure it: standard base64 of 32 random bytes ({@code openssl rand -base64 32}). */
    private static String newKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
