package com.callintel.hub.tenancy;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Master keys of the secret vault: base64 AES-256 keys by key id, and the id new values are sealed with.
 * With no key configured, a development key is generated into {@code devKeyFile} (never for production).
 */
@ConfigurationProperties("callintel.vault")
public record VaultProperties(Map<String, String> keys, String activeKeyId, Path devKeyFile, boolean allowDevKey) {

    public VaultProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
