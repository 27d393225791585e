package com.callintel.hub.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The AMS types the hub knows, from the files installed in {@code connectors/ams/}: every
 * {@code <type>.kamelet.yaml} annotated {@code callintel.io/connector-kind: ams} (a Java-backed connector), except
 * the protocol Kamelets ({@code callintel.io/ams-protocol}), plus every declarative REST AMS
 * {@code rest/<type>.yaml}, which configures a protocol. No list of types lives in code or configuration: adding
 * a REST AMS is adding a file. Read at start-up (an invalid file stops the start) and watched while the hub runs
 * ({@link #refresh}), as the VoIP connectors are: a new or changed file that passes its checks takes effect, an
 * invalid one is refused with the file, field and reason and its previous version keeps serving.
 */
@Component
public class AmsConnectorCatalog {

    private static final Logger log = LoggerFactory.getLogger(AmsConnectorCatalog.class);
    private static final String KAMELET = ".kamelet.yaml";

    private final Path dir;
    private final List<AmsConnectorCheck> checks;
    private final ApplicationEventPublisher events;
    /** Where jq parameters are compiled: a context of its own, never started, that runs nothing. */
    private final CamelContext jq = new DefaultCamelContext();
    private volatile Map<String, AmsConnector> types;
    private volatile Map<String, AmsProtocol> protocols;
    private final Map<Path, String> seen = new HashMap<>();
    private final Map<Path, String> refusedText = new HashMap<>();

    AmsConnectorCatalog(@Value("${callintel.connectors.dir}") Path connectorsDir, List<AmsConnectorCheck> checks,
                        ApplicationEventPublisher events) {
        this.dir = connectorsDir.resolve("ams");
        this.checks = List.copyOf(checks);
        this.events = events;
        Map<String, AmsConnector> foundTypes = new TreeMap<>();
        Map<String, AmsProtocol> foundProtocols = new TreeMap<>();
        Map<Path, String> files = files();
        // Kamelets first: the REST files are checked against the protocols among them
        for (Map.Entry<Path, String> file : files.entrySet()) {
            if (isKamelet(file.getKey())) {
                readKamelet(file.getKey(), file.getValue(), foundTypes, foundProtocols);
                seen.put(file.getKey(), file.getValue());
            }
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            if (!isKamelet(file.getKey())) {
                AmsConnector rest = RestAmsFile.read(file.getKey(), AmsFiles.yaml(file.getKey(), file.getValue()),
                        foundProtocols, jq);
                sameFile(rest, foundTypes);
                foundTypes.put(rest.type(), rest);
                seen.put(file.getKey(), file.getValue());
            }
        }
        this.types = Collections.unmodifiableMap(foundTypes);
        this.protocols = Collections.unmodifiableMap(foundProtocols);
        log.info("AMS types: {} (protocols {})", types.keySet(), protocols.keySet());
    }

    /** The catalog of a connectors folder outside a running hub (a check, a test): nothing is put in service. */
    public static AmsConnectorCatalog standalone(Path connectorsDir) {
        return new AmsConnectorCatalog(connectorsDir, List.of(), event -> { });
    }

    public Optional<AmsConnector> ams(String type) {
        return Optional.ofNullable(type).map(types::get);
    }

    /** Is an AMS connector installed for this type? */
    public boolean hasAms(String type) {
        return type != null && types.containsKey(type);
    }

    /** Every installed AMS type, by type. */
    public List<AmsConnector> amsConnectors() {
        return List.copyOf(types.values());
    }

    public Optional<AmsProtocol> protocol(String name) {
        return Optional.ofNullable(name).map(protocols::get);
    }

    /**
     * Takes the AMS files as they are now (see the class comment). Returns what changed; listeners get it as an
     * {@link AmsConnectorsChanged}.
     */
    public synchronized AmsConnectorsChanged refresh() {
        Map<Path, String> now = files();
        Map<String, AmsConnector> nextTypes = new TreeMap<>(types);
        Map<String, AmsProtocol> nextProtocols = new TreeMap<>(protocols);
        List<AmsConnector> added = new ArrayList<>();
        List<AmsConnector> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Path> order = new ArrayList<>(now.keySet());
        order.sort((a, b) -> Boolean.compare(!isKamelet(a), !isKamelet(b)));   // protocols before their REST files
        for (Path path : order) {
            String text = now.get(path);
            if (text.equals(seen.get(path)) || text.equals(refusedText.get(path))) {
                continue;
            }
            try {
                List<AmsConnector> taken = isKamelet(path) ? takeKamelet(path, text, nextTypes, nextProtocols)
                        : List.of(takeRest(path, text, nextTypes, nextProtocols));
                for (AmsConnector connector : taken) {
                    (types.containsKey(connector.type()) ? changed : added).add(connector);
                }
                seen.put(path, text);
                refusedText.remove(path);
            } catch (RuntimeException e) {
                refusedText.put(path, text);
                refused.add(String.valueOf(e.getMessage()));
                log.error("AMS connector file refused, {}: {}", seen.containsKey(path) ? "its previous version keeps serving"
                        : "not installed", e.getMessage());
            }
        }
        for (Path gone : new ArrayList<>(seen.keySet())) {
            if (!now.containsKey(gone)) {
                seen.remove(gone);
                nextTypes.values().stream().filter(c -> c.file().equals(gone)).findFirst().ifPresent(c -> {
                    nextTypes.remove(c.type());
                    removed.add(c.type());
                    checks.forEach(check -> check.uninstall(c));
                });
                // a removed protocol's REST types keep the template they run on until their own files go
                nextProtocols.values().removeIf(p -> p.file().equals(gone));
            }
        }
        refusedText.keySet().retainAll(now.keySet());
        AmsConnectorsChanged change = new AmsConnectorsChanged(List.copyOf(added), List.copyOf(changed),
                List.copyOf(removed), List.copyOf(refused));
        protocols = Collections.unmodifiableMap(nextProtocols);
        if (!added.isEmpty() || !changed.isEmpty() || !removed.isEmpty()) {
            types = Collections.unmodifiableMap(nextTypes);
            log.info("AMS types now: {} (added {}, changed {}, removed {})", types.keySet(),
                    added.stream().map(AmsConnector::type).toList(), changed.stream().map(AmsConnector::type).toList(),
                    removed);
            events.publishEvent(change);
        }
        return change;
    }

    /** A new or changed Kamelet: an AMS type of its own, or a protocol whose REST types are checked again. */
    private List<AmsConnector> takeKamelet(Path path, String text, Map<String, AmsConnector> nextTypes,
                                           Map<String, AmsProtocol> nextProtocols) {
        Map<String, AmsConnector> oneType = new TreeMap<>();
        Map<String, AmsProtocol> oneProtocol = new TreeMap<>();
        readKamelet(path, text, oneType, oneProtocol);
        if (!oneProtocol.isEmpty()) {
            AmsProtocol protocol = oneProtocol.values().iterator().next();
            Map<String, AmsProtocol> with = new TreeMap<>(nextProtocols);
            with.put(protocol.name(), protocol);
            // every REST type on it must still pass against the new definition, or the change is refused
            List<AmsConnector> rechecked = new ArrayList<>();
            for (AmsConnector rest : nextTypes.values()) {
                if (rest.declarative() && rest.protocol().equals(protocol.name())) {
                    rechecked.add(RestAmsFile.read(rest.file(), AmsFiles.yaml(rest.file(), read(rest.file())), with, jq));
                }
            }
            checks.forEach(check -> check.protocolChanged(protocol, rechecked));
            nextProtocols.put(protocol.name(), protocol);
            rechecked.forEach(rest -> nextTypes.put(rest.type(), rest));
            return rechecked;
        }
        if (oneType.isEmpty()) {
            return List.of();
        }
        AmsConnector candidate = oneType.values().iterator().next();
        sameFile(candidate, nextTypes);
        checks.forEach(check -> check.install(candidate));
        nextTypes.put(candidate.type(), candidate);
        return List.of(candidate);
    }

    private AmsConnector takeRest(Path path, String text, Map<String, AmsConnector> nextTypes,
                                  Map<String, AmsProtocol> nextProtocols) {
        AmsConnector candidate = RestAmsFile.read(path, AmsFiles.yaml(path, text), nextProtocols, jq);
        sameFile(candidate, nextTypes);
        checks.forEach(check -> check.install(candidate));
        nextTypes.put(candidate.type(), candidate);
        return candidate;
    }

    /** One file per type: a second file naming a type another file installs is refused. */
    private static void sameFile(AmsConnector candidate, Map<String, AmsConnector> installed) {
        AmsConnector previous = installed.get(candidate.type());
        if (previous != null && !previous.file().equals(candidate.file())) {
            throw new IllegalStateException(candidate.file() + ": AMS type '" + candidate.type()
                    + "' is already installed by " + previous.file());
        }
    }

    /** A Kamelet of connectors/ams: an AMS type, a protocol, or (without callintel.io/connector-kind: ams) neither. */
    private static void readKamelet(Path file, String text, Map<String, AmsConnector> types,
                                    Map<String, AmsProtocol> protocols) {
        Map<String, Object> doc = AmsFiles.yaml(file, text);
        String name = AmsFiles.name(file, doc, KAMELET);
        Map<String, Object> annotations = AmsFiles.annotations(doc);
        if (!"ams".equals(String.valueOf(annotations.get("callintel.io/connector-kind")))) {
            log.warn("{}: no annotation callintel.io/connector-kind: ams, so no AMS type", file);
            return;
        }
        Map<String, Object> spec = AmsFiles.map(doc.get("spec"), file, "spec");
        Map<String, Object> definition = AmsFiles.map(spec.get("definition"), file, "spec.definition");
        if (AmsFiles.text(annotations.get(AmsFiles.PROTOCOL)) != null) {
            Map<String, Map<String, Object>> properties = new TreeMap<>();
            AmsFiles.map(definition.get("properties"), file, "spec.definition.properties").forEach((key, value) ->
                    properties.put(key, AmsFiles.map(value, file, "spec.definition.properties." + key)));
            List<String> required = definition.get("required") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of();
            protocols.put(name, new AmsProtocol(name, file, properties, required, spec.get("template")));
            return;
        }
        String title = AmsFiles.text(definition.get("title"));
        types.put(name, new AmsConnector(name, file, name, title == null ? name : title,
                AmsFiles.text(definition.get("description")), AmsFiles.credentials(annotations),
                AmsFiles.noteLimit(file, annotations), Map.of(), false, AmsFiles.agentNamesRecord(file, annotations)));
    }

    private static boolean isKamelet(Path file) {
        return file.getFileName().toString().endsWith(KAMELET);
    }

    /** Every AMS file with its text: the Kamelets of connectors/ams and the REST files of connectors/ams/rest. */
    private Map<Path, String> files() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("AMS connector folder not found: " + dir.toAbsolutePath());
        }
        Map<Path, String> found = new TreeMap<>();
        collect(dir, name -> name.endsWith(KAMELET), found);
        Path rest = dir.resolve("rest");
        if (Files.isDirectory(rest)) {
            collect(rest, name -> name.endsWith(".yaml") && !name.endsWith(KAMELET), found);
        }
        return found;
    }

    private static void collect(Path folder, java.util.function.Predicate<String> wanted, Map<Path, String> found) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> wanted.test(f.getFileName().toString())).toList()) {
                found.put(file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void close() throws Exception {
        jq.close();
    }
}
