package com.callintel.hub.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The VoIP connectors found in {@code connectors/voip/*.kamelet.yaml}. A provider exists for the hub exactly when
 * its connector file does: adding a provider is adding a file. Files are read at start-up (an invalid one stops the
 * start) and watched while the hub runs ({@link #refresh}): a new or changed file is checked by every
 * {@link VoipConnectorCheck} and then takes effect, an invalid one is refused with the reason and the previous
 * version keeps serving, a removed file's provider is gone.
 */
@Component
public class ConnectorCatalog {

    static final String ANNOTATION_PREFIX = "callintel.io/";
    private static final Logger log = LoggerFactory.getLogger(ConnectorCatalog.class);

    private final Path dir;
    private final List<VoipConnectorCheck> checks;
    private final ApplicationEventPublisher events;
    private volatile Map<String, VoipConnector> voip;
    /** What each file held when last read (its text), so an unchanged file is not checked again. */
    private final Map<Path, String> seen = new HashMap<>();
    /** Files refused, with the text refused: refused once, not at every look. */
    private final Map<Path, String> refusedText = new HashMap<>();

    ConnectorCatalog(@Value("${callintel.connectors.dir}") Path connectorsDir, List<VoipConnectorCheck> checks,
                     ApplicationEventPublisher events) {
        this.dir = connectorsDir.resolve("voip");
        this.checks = List.copyOf(checks);
        this.events = events;
        Map<String, VoipConnector> found = new TreeMap<>();
        for (Map.Entry<Path, String> file : files().entrySet()) {
            VoipConnector connector = readVoip(file.getKey(), file.getValue());
            this.checks.forEach(check -> check.check(connector));
            found.put(connector.provider(), connector);
            seen.put(file.getKey(), file.getValue());
        }
        this.voip = Collections.unmodifiableMap(found);
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

    /**
     * Takes the connector files as they are now: new and changed files that pass every check come into service,
     * removed files' providers leave it, invalid files are refused (logged with the reason, once) and their previous
     * version, if any, keeps serving. Returns what changed; listeners get it as a {@link VoipConnectorsChanged}.
     */
    public synchronized VoipConnectorsChanged refresh() {
        Map<Path, String> now = files();
        Map<String, VoipConnector> next = new TreeMap<>(voip);
        List<VoipConnector> added = new ArrayList<>();
        List<VoipConnector> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<Path, String> file : now.entrySet()) {
            Path path = file.getKey();
            String text = file.getValue();
            if (text.equals(seen.get(path)) || text.equals(refusedText.get(path))) {
                continue;
            }
            try {
                VoipConnector candidate = readVoip(path, text);
                VoipConnector previous = voip.get(candidate.provider());
                if (previous != null && !previous.file().equals(path)) {
                    throw new IllegalStateException(path + ": provider '" + candidate.provider() + "' is already installed by "
                            + previous.file());
                }
                checks.forEach(check -> check.check(candidate));
                checks.forEach(check -> check.install(candidate));
                next.put(candidate.provider(), candidate);
                (previous == null ? added : changed).add(candidate);
                seen.put(path, text);
                refusedText.remove(path);
            } catch (RuntimeException e) {
                refusedText.put(path, text);
                refused.add(String.valueOf(e.getMessage()));
                log.error("Connector file refused, {}: {}", seen.containsKey(path) ? "its previous version keeps serving"
                        : "not installed", e.getMessage());
            }
        }
        for (Path gone : new ArrayList<>(seen.keySet())) {
            if (!now.containsKey(gone)) {
                seen.remove(gone);
                next.values().stream().filter(c -> c.file().equals(gone)).findFirst().ifPresent(c -> {
                    next.remove(c.provider());
                    removed.add(c.provider());
                    checks.forEach(check -> check.uninstall(c));
                });
            }
        }
        refusedText.keySet().retainAll(now.keySet());
        VoipConnectorsChanged change = new VoipConnectorsChanged(List.copyOf(added), List.copyOf(changed),
                List.copyOf(removed), List.copyOf(refused));
        if (!added.isEmpty() || !changed.isEmpty() || !removed.isEmpty()) {
            voip = Collections.unmodifiableMap(next);
            log.info("VoIP connectors now: {} (added {}, changed {}, removed {})", voip.keySet(),
                    added.stream().map(VoipConnector::provider).toList(),
                    changed.stream().map(VoipConnector::provider).toList(), removed);
            events.publishEvent(change);
        }
        return change;
    }

    /** Every connector file of the folder with its text. */
    private Map<Path, String> files() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("connector folder not found: " + dir.toAbsolutePath());
        }
        Map<Path, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).toList()) {
                found.put(file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** One connector file, as the hub reads it. */
    public static VoipConnector readVoip(Path file) {
        try {
            return readVoip(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static VoipConnector readVoip(Path file, String text) {
        Map<String, Object> doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            // snakeyaml's message names the line and column
            throw new IllegalStateException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        if (doc == null) {
            throw new IllegalStateException(file + ": empty file");
        }
        Map<String, Object> metadata = (Map<String, Object>) doc.getOrDefault("metadata", Map.of());
        Map<String, Object> annotations = (Map<String, Object>) metadata.getOrDefault("annotations", Map.of());
        String name = String.valueOf(metadata.get("name"));
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*") || !file.getFileName().toString().equals(name + ".kamelet.yaml")) {
            // it becomes the webhook path and a Camel endpoint name: only the vetted form, and only this file's
            throw new IllegalStateException(file + ": metadata.name '" + name + "' must be lower-case letters, digits and"
                    + " dashes, and the file must be named " + name + ".kamelet.yaml");
        }
        return new VoipConnector(
                name,
                file,
                required(annotations, "signature", file),
                signatureParameters(annotations),
                required(annotations, "handshake", file),
                Arrays.stream(required(annotations, "content-types", file).split(","))
                        .map(String::trim).map(String::toLowerCase).toList(),
                required(annotations, "event-identity", file),
                setup(name, (Map<String, Object>) ((Map<String, Object>) doc.getOrDefault("spec", Map.of()))
                        .getOrDefault("definition", Map.of()), annotations));
    }

    /**
     * The admin's setup of the provider: {@code callintel.io/setup-steps} (one step a line) and
     * {@code callintel.io/setup-events} (comma-separated), both optional, with the definition's title and description.
     */
    static ConnectorSetup setup(String name, Map<String, Object> definition, Map<String, Object> annotations) {
        Object steps = annotations.get(ANNOTATION_PREFIX + "setup-steps");
        Object events = annotations.get(ANNOTATION_PREFIX + "setup-events");
        List<String> stepList = steps == null ? List.of() : steps.toString().lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        List<String> eventList = events == null ? List.of() : Arrays.stream(events.toString().split(","))
                .map(String::strip).filter(event -> !event.isEmpty()).toList();
        Object title = definition.get("title");
        Object description = definition.get("description");
        return new ConnectorSetup(title == null ? name : title.toString().strip(),
                description == null ? null : description.toString().strip(),
                stepList.isEmpty() ? ConnectorSetup.GENERIC_STEPS : stepList, eventList);
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
