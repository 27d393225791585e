package com.callintel.hub.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.VoipConnector;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.springframework.stereotype.Component;

/**
 * The reason an admin reads on a failed event ({@code /api/events?status=failed}): "field X: expected Y, got Z",
 * not jq's own words. A jq error names only the types involved, so the field is found by matching the paths the
 * connector's expressions read against the event: the one whose value has the type jq tripped over. Only types
 * are quoted, never values (they may be phone numbers); jq's raw message stays in the operator log.
 */
@Component
class NormalizationFailures {

    private static final Pattern CANNOT_INDEX = Pattern.compile("Cannot index (\\w+) with (?:string )?\"([^\"]*)\"");
    private static final Pattern CANNOT_INDEX_BY_NUMBER = Pattern.compile("Cannot index (\\w+) with number");
    private static final Pattern CANNOT_ITERATE = Pattern.compile("Cannot iterate over (\\w+)");
    private static final Pattern NOT_APPLICABLE = Pattern.compile(
            "([\\w$]+)(?:/\\d+|\\(\\))? is not applicable to (?:input which contains )?(\\w+)(?:; expected one of \\[?([\\w, ]+))?");
    /** {@code .a.b as $x} or {@code (.a.b // {}) as $x}: the variable names a path of the event. */
    private static final Pattern ALIAS = Pattern.compile(
            "\\(?\\s*((?:\\.[A-Za-z_]\\w*)+)\\s*(?://[^)]*)?\\)?\\s+as\\s+\\$(\\w+)");
    /** A path read from the event: {@code .a.b}, or {@code $x.a} / {@code $x} through an alias. */
    private static final String PATH = "(\\$\\w+)?((?:\\.[A-Za-z_]\\w*)*)";
    private static final Pattern PATH_READ = Pattern.compile("(?<![\\w)\\]])" + PATH);
    /** Functions jq reports under the name of the builtin they run through. */
    private static final Map<String, Set<String>> CALLED_AS = Map.of(
            "_match_impl", Set.of("test", "match", "capture", "scan", "splits", "sub", "gsub"),
            "explode", Set.of("explode", "ascii_downcase", "ascii_upcase"));

    private final Map<String, String> connectorText = new HashMap<>();
    private final ObjectMapper mapper;

    NormalizationFailures(ConnectorCatalog connectors, ObjectMapper mapper) {
        this.mapper = mapper;
        for (VoipConnector connector : connectors.voipConnectors()) {
            try {
                connectorText.put(connector.provider(), Files.readString(connector.file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The human reason for a failure while normalizing {@code event}; contract breaches already read as one. */
    String reason(QueuedEvent event, Exception failure) {
        // the hub's own refusal (a contract breach, an id the egress policy refused) may arrive wrapped by Camel
        // (a bean or expression around it): its message is already the human reason
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NormalizationException) {
                return t.getMessage();
            }
        }
        String message = String.valueOf(failure.getMessage());
        JsonNode payload = payload(event);
        String text = connectorText.getOrDefault(event.provider(), "");
        Matcher m = CANNOT_INDEX.matcher(message);
        if (m.find()) {
            String got = typeName(m.group(1));
            String key = m.group(2);
            String expected = "an object (holding \"" + key + "\")";
            return locate(text, payload, got, p -> parentOf(p, key))
                    .map(field -> field(field, expected, got))
                    .orElseGet(() -> unlocated(event, expected, got));
        }
        m = CANNOT_INDEX_BY_NUMBER.matcher(message);
        if (m.find()) {
            return unlocated(event, "a list", typeName(m.group(1)));
        }
        m = CANNOT_ITERATE.matcher(message);
        if (m.find()) {
            String got = typeName(m.group(1));
            return unlocated(event, "a list", got);
        }
        m = NOT_APPLICABLE.matcher(message);
        if (m.find()) {
            String got = typeName(m.group(2));
            String expected = m.group(3) == null ? "a string" : article(typeName(m.group(3).split(",")[0].strip()));
            Set<String> functions = CALLED_AS.getOrDefault(m.group(1), Set.of(m.group(1)));
            Optional<String> field = locate(textBefore(text, functions), payload, got, p -> p);
            if (field.isEmpty() && !got.equals("null")) {
                // a value of an unusual type is rare enough to be told apart; an absent one is not (many are)
                field = locate(text, payload, got, p -> p);
            }
            return field.map(f -> field(f, expected, got)).orElseGet(() -> unlocated(event, expected, got));
        }
        return "the " + event.provider() + " connector could not read this event: its shape is not one the connector"
                + " knows (the operator log has the connector's error)";
    }

    /** The first path the connector reads whose value in the event (through {@code toField}) is of type {@code got}. */
    private Optional<String> locate(String text, JsonNode payload, String got,
                                    java.util.function.Function<String, String> toField) {
        for (String path : pathsRead(text)) {
            String field = toField.apply(path);
            if (field != null && !field.isEmpty() && typeName(at(payload, field)).equals(got)) {
                return Optional.of(field.substring(1));
            }
        }
        return Optional.empty();
    }

    /** Paths of the event the connector's expressions read, in the order written, variables resolved. */
    static List<String> pathsRead(String text) {
        // one variable may name different paths in different branches: each is a candidate
        Map<String, List<String>> aliases = new HashMap<>();
        Matcher alias = ALIAS.matcher(text);
        while (alias.find()) {
            aliases.computeIfAbsent(alias.group(2), v -> new ArrayList<>()).add(alias.group(1));
        }
        Set<String> paths = new LinkedHashSet<>();
        Matcher read = PATH_READ.matcher(text);
        while (read.find()) {
            String variable = read.group(1);
            String rest = read.group(2);
            if (variable != null) {
                aliases.getOrDefault(variable.substring(1), List.of()).forEach(base -> paths.add(base + rest));
            } else if (!rest.isEmpty()) {
                paths.add(rest);
            }
        }
        return new ArrayList<>(paths);
    }

    /** The expression text just before each {@code | function}: the path piped into it ends there. */
    private static String textBefore(String text, Set<String> functions) {
        StringBuilder reads = new StringBuilder();
        Matcher m = Pattern.compile(PATH + "\\s*\\|\\s*(\\w+)").matcher(text);
        while (m.find()) {
            if (functions.contains(m.group(3)) && (m.group(1) != null || !m.group(2).isEmpty())) {
                reads.append(' ').append(m.group(1) == null ? "" : m.group(1)).append(m.group(2)).append(' ');
            }
        }
        // keep the aliases so $x resolves
        Matcher a = ALIAS.matcher(text);
        while (a.find()) {
            reads.append(" (").append(a.group(1)).append(") as $").append(a.group(2)).append(' ');
        }
        return reads.toString();
    }

    private static String field(String field, String expected, String got) {
        return "field " + field + ": expected " + expected + ", got " + article(got);
    }

    private static String unlocated(QueuedEvent event, String expected, String got) {
        return "a field the " + event.provider() + " connector reads has the wrong type: expected " + expected
                + ", got " + article(got);
    }

    private static String article(String type) {
        return switch (type) {
            case "null" -> "null (no value)";
            case "object", "array" -> "an " + type;
            default -> "a " + type;
        };
    }

    /** The part of {@code path} before its segment {@code key}: the value that should have held key. */
    private static String parentOf(String path, String key) {
        int at = (path + ".").indexOf("." + key + ".");
        return at <= 0 ? null : path.substring(0, at);
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String segment : path.substring(1).split("\\.")) {
            if (!current.isObject()) {
                return MissingNode.getInstance();
            }
            current = current.path(segment);
        }
        return current;
    }

    private static String typeName(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "null";
        }
        return typeName(node.getNodeType().name());
    }

    private static String typeName(String jqType) {
        return switch (jqType.toLowerCase(Locale.ROOT)) {
            case "textual", "string" -> "string";
            case "number", "integer", "float" -> "number";
            case "boolean" -> "boolean";
            case "array" -> "array";
            case "object" -> "object";
            default -> "null";
        };
    }

    private JsonNode payload(QueuedEvent event) {
        try {
            return event.payload() == null ? MissingNode.getInstance() : mapper.readTree(event.payload());
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
