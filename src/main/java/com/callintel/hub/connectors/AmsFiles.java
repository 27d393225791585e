package com.callintel.hub.connectors;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** How the AMS catalog reads the parts every AMS file shares: YAML, its name, its callintel.io/ annotations. */
final class AmsFiles {

    static final String NOTE_LIMIT = "callintel.io/note-limit";
    static final String CREDENTIALS = "callintel.io/credentials";
    static final String PROTOCOL = "callintel.io/ams-protocol";
    static final String LOOKUP = "callintel.io/lookup";

    private AmsFiles() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file, String text) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            // snakeyaml's message names the line and column
            throw new IllegalStateException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new IllegalStateException(file + ": " + (doc == null ? "empty file" : "not a YAML mapping"));
        }
        return (Map<String, Object>) doc;
    }

    /** metadata.name: the AMS type, stored with connections and part of a route id, so only the vetted form. */
    static String name(Path file, Map<String, Object> doc, String suffix) {
        String name = String.valueOf(map(doc.get("metadata"), file, "metadata").get("name"));
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*") || name.length() > 32
                || !file.getFileName().toString().equals(name + suffix)) {
            throw new IllegalStateException(file + ": metadata.name '" + name + "' must be lower-case letters, digits and"
                    + " dashes (at most 32), and the file must be named " + name + suffix);
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> annotations(Map<String, Object> doc) {
        return doc.get("metadata") instanceof Map<?, ?> metadata && metadata.get("annotations") instanceof Map<?, ?> a
                ? (Map<String, Object>) a : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, Path file, String field) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalStateException(file + ": " + field + " must be a mapping");
        }
        return (Map<String, Object>) node;
    }

    /** A scalar as trimmed text; null when absent or blank. */
    static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /** callintel.io/credentials: the credential names the connector reads, comma-separated. */
    static List<String> credentials(Map<String, Object> annotations) {
        String names = text(annotations.get(CREDENTIALS));
        return names == null ? List.of() : Arrays.stream(names.split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList();
    }

    /**
     * callintel.io/lookup: {@code by-phone} (the default: the connector searches the caller's number) or
     * {@code agent-names-record} (no phone search: the agent names the record, the connector confirms it). True for
     * the latter.
     */
    static boolean agentNamesRecord(Path file, Map<String, Object> annotations) {
        String lookup = text(annotations.get(LOOKUP));
        if (lookup == null || lookup.equals("by-phone")) {
            return false;
        }
        if (!lookup.equals("agent-names-record")) {
            throw new IllegalStateException(file + ": annotation " + LOOKUP + " must be by-phone or agent-names-record, not '"
                    + lookup + "'");
        }
        return true;
    }

    /** callintel.io/note-limit: the longest note text the AMS takes, a positive integer; null when absent. */
    static Integer noteLimit(Path file, Map<String, Object> annotations) {
        String limit = text(annotations.get(NOTE_LIMIT));
        if (limit == null) {
            return null;
        }
        if (!limit.matches("\\d{1,7}") || Integer.parseInt(limit) < 100) {
            throw new IllegalStateException(file + ": annotation " + NOTE_LIMIT + " must be a whole number of characters"
                    + " from 100 to 9999999, not '" + limit + "'");
        }
        return Integer.parseInt(limit);
    }
}
