package com.callintel.hub.connectors;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The VoIP connectors found in {@code connectors/voip/*.kamelet.yaml}, read once at start-up.
 * A provider exists for the hub exactly when its connector file does: adding a provider is adding a file.
 */
@Component
public class ConnectorCatalog {

    static final String ANNOTATION_PREFIX = "callintel.io/";
    private static final Logger log = LoggerFactory.getLogger(ConnectorCatalog.class);

    private final Map<String, VoipConnector> voip;

    ConnectorCatalog(@Value("${callintel.connectors.dir}") Path connectorsDir) {
        this.voip = loadVoip(connectorsDir.resolve("voip"));
        log.info("VoIP connectors: {}", voip.keySet());
    }

    public Optional<VoipConnector> voip(String provider) {
        return Optional.ofNullable(provider).map(voip::get);
    }

    /** Is a connector installed for this provider? */
    public boolean hasVoip(String provider) {
        return provider != null && voip.containsKey(provider);
    }

    public List<VoipConnector> voipConnectors() {
        return List.copyOf(voip.values());
    }

    static Map<String, VoipConnector> loadVoip(Path dir) {
        Map<String, VoipConnector> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("connector folder not found: " + dir.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml"))
                    .map(ConnectorCatalog::readVoip)
                    .forEach(c -> found.put(c.provider(), c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    public static VoipConnector readVoip(Path file) {
        Map<String, Object> doc;
        try (Reader reader = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> metadata = (Map<String, Object>) doc.getOrDefault("metadata", Map.of());
        Map<String, Object> annotations = (Map<String, Object>) metadata.getOrDefault("annotations", Map.of());
        String name = String.valueOf(metadata.get("name"));
        return new VoipConnector(
                name,
                file,
                required(annotations, "signature", file),
                signatureParameters(annotations),
                required(annotations, "handshake", file),
                Arrays.stream(required(annotations, "content-types", file).split(","))
                        .map(String::trim).map(String::toLowerCase).toList(),
                required(annotations, "event-identity", file));
    }

    /** The {@code callintel.io/signature-<name>} annotations, by name. */
    private static Map<String, String> signatureParameters(Map<String, Object> annotations) {
        String prefix = ANNOTATION_PREFIX + "signature-";
        Map<String, String> parameters = new TreeMap<>();
        annotations.forEach((key, value) -> {
            if (key.startsWith(prefix) && value != null) {
                parameters.put(key.substring(prefix.length()), value.toString());
            }
        });
        return parameters;
    }

    private static String required(Map<String, Object> annotations, String key, Path file) {
        Object value = annotations.get(ANNOTATION_PREFIX + key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException(file + ": missing annotation " + ANNOTATION_PREFIX + key);
        }
        return value.toString().trim();
    }
}
