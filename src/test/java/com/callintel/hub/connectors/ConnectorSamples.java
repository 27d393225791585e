package com.callintel.hub.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a connector keeps its samples: {@code connectors/voip/<name>/samples/<scenario>/}, each scenario the webhook
 * bodies of one story ({@code *.json}, {@code *.jwt}, sent in file-name order) and {@code expected.json}.
 */
public final class ConnectorSamples {

    public static final String EXPECTED = "expected.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorSamples() {
    }

    /** The samples folder of the connector file {@code connectors/voip/<name>.kamelet.yaml}. */
    public static Path folder(Path connectorFile) {
        String name = connectorFile.getFileName().toString().replace(".kamelet.yaml", "");
        return connectorFile.resolveSibling(name).resolve("samples");
    }

    /** The scenario folders, sorted; none when the connector brings no samples. */
    public static List<Path> scenarios(Path connectorFile) {
        Path folder = folder(connectorFile);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> found = Files.list(folder)) {
            return found.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webhook bodies of a scenario in the order they are sent. */
    public static List<Path> events(Path scenario) {
        try (Stream<Path> found = Files.list(scenario)) {
            return found.filter(f -> !f.getFileName().toString().equals(EXPECTED))
                    .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jwt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode expected(Path scenario) throws IOException {
        return JSON.readTree(scenario.resolve(EXPECTED).toFile());
    }

    /** What is missing or unreadable in a connector's samples, each with what to do about it. */
    public static List<String> problems(Path connectorFile) {
        return scenarios(connectorFile).stream().flatMap(scenario -> {
            Stream.Builder<String> problems = Stream.builder();
            if (events(scenario).isEmpty()) {
                problems.add("sample scenario " + scenario + " has no webhook bodies (*.json or *.jwt, sent in name order)");
            }
            if (!Files.isRegularFile(scenario.resolve(EXPECTED))) {
                problems.add("sample scenario " + scenario + " has no " + EXPECTED
                        + " (the calls and messages the hub must store; docs/connectors.md, \"Samples\")");
            } else {
                try {
                    JsonNode expected = expected(scenario);
                    if (!expected.has("calls") && !expected.has("messages")) {
                        problems.add(scenario.resolve(EXPECTED) + " names neither \"calls\" nor \"messages\"");
                    }
                } catch (IOException e) {
                    problems.add(scenario.resolve(EXPECTED) + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            return problems.build();
        }).toList();
    }
}
