package com.callintel.hub.intake.signature;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.callintel.hub.connectors.VoipConnector;

/**
 * The parameters a connector file gives its proof family ({@code callintel.io/signature-<name>} annotations), read
 * with messages that name the file and the annotation, so an integrator's mistake stops the start, not a request.
 */
final class ProofParameters {

    static final String PREFIX = "callintel.io/signature-";

    private final VoipConnector connector;
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    ProofParameters(VoipConnector connector) {
        this.connector = connector;
        this.values = connector.signatureParameters();
    }

    String required(String name) {
        String value = optional(name, null);
        if (value == null) {
            throw invalid(name, "is required for signature '" + connector.signatureScheme() + "'");
        }
        return value;
    }

    String optional(String name, String fallback) {
        read.add(name);
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A comma-separated list (header names that may carry the proof, in order of preference). */
    List<String> list(String name) {
        String value = optional(name, null);
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    String oneOf(String name, String fallback, String... allowed) {
        String value = optional(name, fallback);
        if (!Arrays.asList(allowed).contains(value)) {
            throw invalid(name, "must be one of " + Arrays.toString(allowed) + ", was '" + value + "'");
        }
        return value;
    }

    /** Every parameter given was read by the family: a misspelt one is refused, not silently ignored. */
    void noneUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(connector.file() + ": signature '" + connector.signatureScheme()
                    + "' takes no parameter " + unknown.stream().map(u -> PREFIX + u).toList() + "; it takes "
                    + read.stream().map(r -> PREFIX + r).toList());
        }
    }

    IllegalStateException invalid(String name, String problem) {
        return new IllegalStateException(connector.file() + ": annotation " + PREFIX + name + " " + problem);
    }
}
