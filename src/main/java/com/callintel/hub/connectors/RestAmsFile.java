package com.callintel.hub.connectors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;

/**
 * A declarative REST AMS, {@code connectors/ams/rest/<type>.yaml}: the parameters of a protocol Kamelet (generic-rest)
 * and what the admin sees of the AMS. Checked against the protocol's own definition before it is used: known
 * parameters only, the required ones present, enums and patterns kept, integers that are integers, paths that are
 * plain paths with only the placeholders the parameter allows, jq that compiles (alone, and where the template puts
 * it). A file that fails is refused with the file and the field.
 */
final class RestAmsFile {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/{}-]*");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+)}}");
    /** Credential names a file that names none reads, by the protocol's authScheme. */
    private static final Map<String, List<String>> CREDENTIALS_OF_SCHEME = Map.of(
            "oauth2-client-credentials", List.of("clientId", "clientSecret"),
            "basic", List.of("username", "password"));

    private RestAmsFile() {
    }

    @SuppressWarnings("unchecked")
    static AmsConnector read(Path file, Map<String, Object> doc, Map<String, AmsProtocol> protocols, CamelContext jq) {
        String type = AmsFiles.name(file, doc, ".yaml");
        Map<String, Object> annotations = AmsFiles.annotations(doc);
        Object kind = annotations.get("callintel.io/connector-kind");
        if (kind != null && !"ams".equals(String.valueOf(kind))) {
            throw refused(file, "metadata.annotations.callintel.io/connector-kind", "must be ams (or left out)");
        }
        Map<String, Object> spec = AmsFiles.map(doc.get("spec"), file, "spec");
        String protocolName = AmsFiles.text(spec.get("protocol"));
        AmsProtocol protocol = protocols.get(protocolName);
        if (protocol == null) {
            throw refused(file, "spec.protocol", "must name an installed protocol Kamelet " + protocols.keySet()
                    + (protocolName == null ? "" : ", not '" + protocolName + "'"));
        }
        String title = AmsFiles.text(spec.get("title"));
        if (title == null) {
            throw refused(file, "spec.title", "is required: the name admins choose the AMS by");
        }
        Map<String, String> parameters = parameters(file, AmsFiles.map(spec.get("parameters"), file, "spec.parameters"),
                protocol, jq);
        List<String> credentials = AmsFiles.credentials(annotations);
        if (credentials.isEmpty()) {
            credentials = CREDENTIALS_OF_SCHEME.getOrDefault(parameters.get("authScheme"), List.of());
        }
        return new AmsConnector(type, file, protocol.name(), title, AmsFiles.text(spec.get("description")), credentials,
                AmsFiles.noteLimit(file, annotations), parameters, true, false);
    }

    private static Map<String, String> parameters(Path file, Map<String, Object> given, AmsProtocol protocol,
                                                  CamelContext jq) {
        Map<String, String> parameters = new TreeMap<>();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String field = "spec.parameters." + name;
            Map<String, Object> property = protocol.properties().get(name);
            if (property == null) {
                throw refused(file, field, "is not a parameter of " + protocol.name() + " (it takes "
                        + new TreeMap<>(protocol.properties()).keySet() + ")");
            }
            Object value = entry.getValue();
            if (value == null || value instanceof Map || value instanceof List) {
                throw refused(file, field, "must be a single value (a string, number or boolean)");
            }
            String text = String.valueOf(value);
            check(file, field, text, property, jq);
            parameters.put(name, text);
        }
        for (String name : protocol.required()) {
            Map<String, Object> property = protocol.properties().getOrDefault(name, Map.of());
            if (!parameters.containsKey(name) && !property.containsKey("default")) {
                throw refused(file, "spec.parameters." + name, "is required by " + protocol.name()
                        + " (" + AmsFiles.text(property.get("description")) + ")");
            }
        }
        placedJqCompiles(file, protocol, parameters, jq);
        return parameters;
    }

    /** One parameter against its definition in the protocol. */
    private static void check(Path file, String field, String value, Map<String, Object> property, CamelContext jq) {
        if (value.contains("{{") || value.contains("}}")) {
            // the value is put into the template as a {{placeholder}}: Camel would read these as placeholders too
            throw refused(file, field, "must not contain '{{' or '}}' (write '{ {' or '} }' in jq)");
        }
        if (property.get("enum") instanceof List<?> allowed && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
            throw refused(file, field, "must be one of " + allowed + ", not '" + value + "'");
        }
        if ("integer".equals(property.get("type")) && !value.matches("-?\\d{1,9}")) {
            throw refused(file, field, "must be an integer, not '" + value + "'");
        }
        if ("boolean".equals(property.get("type")) && !Set.of("true", "false").contains(value)) {
            throw refused(file, field, "must be true or false, not '" + value + "'");
        }
        if (property.get("pattern") instanceof String pattern && !value.matches(pattern)) {
            throw refused(file, field, "must match " + pattern + ", not '" + value + "'");
        }
        Object format = property.get("format");
        if ("jq".equals(format)) {
            String error = jqError(jq, value);
            if (error != null) {
                throw refused(file, field, "jq does not compile: " + error);
            }
        } else if ("path".equals(format)) {
            path(file, field, value, property);
        }
    }

    /** A plain path under the AMS base URL; its {placeholders} only those the parameter names in x-placeholders. */
    private static void path(Path file, String field, String value, Map<String, Object> property) {
        if (!PATH.matcher(value).matches() || value.contains("..") || value.contains("//")) {
            throw refused(file, field, "must be a plain path starting with / (no query, fragment, '..' or '//'), not '"
                    + value + "'");
        }
        List<String> allowed = property.get("x-placeholders") instanceof List<?> names
                ? names.stream().map(String::valueOf).toList() : List.of();
        Matcher placeholders = PLACEHOLDER.matcher(value);
        String rest = PLACEHOLDER.matcher(value).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            throw refused(file, field, "has an unbalanced '{' or '}'");
        }
        while (placeholders.find()) {
            if (!allowed.contains(placeholders.group(1))) {
                throw refused(file, field, "may use " + (allowed.isEmpty() ? "no placeholder"
                        : allowed.stream().map(p -> "{" + p + "}").toList()) + ", not {" + placeholders.group(1) + "}");
            }
        }
    }

    /**
     * Every jq of the protocol's template with this file's values put in, compiled: a value that compiles alone can
     * still break the expression around it (an unclosed bracket). Names the parameters the failing one holds.
     */
    private static void placedJqCompiles(Path file, AmsProtocol protocol, Map<String, String> parameters, CamelContext jq) {
        for (String expression : TemplateJq.expressions(protocol.template())) {
            List<String> used = new ArrayList<>();
            Matcher names = TEMPLATE_PARAMETER.matcher(expression);
            StringBuilder placed = new StringBuilder();
            while (names.find()) {
                String name = names.group(1);
                String value = parameters.getOrDefault(name, AmsFiles.text(protocol.properties()
                        .getOrDefault(name, Map.of()).get("default")));
                if (parameters.containsKey(name)) {
                    used.add(name);
                }
                names.appendReplacement(placed, Matcher.quoteReplacement(value == null ? "null" : value));
            }
            names.appendTail(placed);
            String error = used.isEmpty() ? null : jqError(jq, placed.toString());
            if (error != null) {
                throw refused(file, "spec.parameters." + String.join(", spec.parameters.", used),
                        "put into " + protocol.name() + "'s template, the jq does not compile: " + error);
            }
        }
    }

    /** jq's first error line for {@code expression}, or null when it compiles. */
    static String jqError(CamelContext jq, String expression) {
        try {
            jq.resolveLanguage("jq").createExpression(expression).init(jq);
            return null;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() != null ? cause.getMessage() : String.valueOf(e.getMessage());
            return message.lines().findFirst().orElse(message);
        }
    }

    static IllegalStateException refused(Path file, String field, String reason) {
        return new IllegalStateException(file + ": " + field + " " + reason);
    }
}
