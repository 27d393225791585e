package com.callintel.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The AMS types are the installed files, not a list: no source of the hub (Java, the pages' scripts and HTML, the
 * configuration) names two AMS types as string literals on one line or names every installed type, as
 * {@code Set.of("ams360", "applied-epic", …)} or a {@code <select>} of options did. Type-specific code (the
 * Java behind one connector) names its own type and stays allowed.
 */
class NoAmsTypeListInCodeTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/main/resources/static"),
            Path.of("config"));

    @Test
    void noSourceListsTheAmsTypes() throws IOException {
        Set<String> types = new TreeSet<>(AmsConnectorCatalog.standalone(Path.of("connectors"))
                .amsConnectors().stream().map(AmsConnector::type).toList());
        assertThat(types).as("the walk knows the installed types").hasSizeGreaterThanOrEqualTo(2);
        List<String> lists = new ArrayList<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(java|js|html|ya?ml|properties)")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    Set<String> named = new TreeSet<>();
                    for (int i = 0; i < lines.size(); i++) {
                        Set<String> onLine = literals(lines.get(i), types);
                        if (onLine.size() >= 2) {
                            lists.add(file + ":" + (i + 1) + " names " + onLine);
                        }
                        named.addAll(onLine);
                    }
                    if (named.equals(types)) {
                        lists.add(file + " names every installed AMS type " + named);
                    }
                }
            }
        }
        assertThat(lists).as("AMS types listed in code: take them from AmsConnectorCatalog (GET /api/admin/connectors)")
                .isEmpty();
    }

    /** The types written as a string literal ("type" or 'type') on this line. */
    private static Set<String> literals(String line, Set<String> types) {
        Set<String> found = new TreeSet<>();
        for (String type : types) {
            if (line.contains("\"" + type + "\"") || line.contains("'" + type + "'")) {
                found.add(type);
            }
        }
        return found;
    }
}
