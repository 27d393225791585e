package com.callintel.hub.connectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Expression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where in a connector file a jq error of its template is: jq counts lines from the start of the expression, an
 * integrator reads the file. The expression that does not compile is found, then its first line in the file.
 */
public final class TemplateJq {

    private static final Pattern JQ_LINE = Pattern.compile("at line (\\d+), column \\d+");

    private TemplateJq() {
    }

    /** {@code ":<line>"} of the file where the error {@code message} of a template jq points, or "" if it cannot tell. */
    public static String fileLine(Path file, CamelContext camel, String message) {
        Matcher at = JQ_LINE.matcher(message);
        if (!at.find()) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(file);
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(String.join("\n", lines));
            Object template = doc instanceof Map<?, ?> d && d.get("spec") instanceof Map<?, ?> spec ? spec.get("template") : null;
            for (String expression : expressions(template)) {
                String first = expression.lines().findFirst().orElse("").trim();
                if (first.isEmpty() || compiles(camel, expression)) {
                    continue;
                }
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().equals(first) || lines.get(i).trim().endsWith(": " + first)) {
                        return ":" + (i + Integer.parseInt(at.group(1)));
                    }
                }
            }
        } catch (IOException | RuntimeException cannotTell) {
            return "";
        }
        return "";
    }

    /**
     * The first jq expression of the file's template that does not compile, as {@code "<file>:<line>: <jq's error>"};
     * empty when every one compiles. Camel compiles a template's jq only when a route of it starts, so a file that
     * loads may still hold one that never will.
     */
    public static Optional<String> firstError(Path file, CamelContext camel) {
        try {
            List<String> lines = Files.readAllLines(file);
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(String.join("\n", lines));
            Object template = doc instanceof Map<?, ?> d && d.get("spec") instanceof Map<?, ?> spec ? spec.get("template") : null;
            for (String expression : expressions(template)) {
                try {
                    camel.resolveLanguage("jq").createExpression(expression).init(camel);
                } catch (RuntimeException e) {
                    String reason = String.valueOf(rootMessage(e)).lines().findFirst().orElse("");
                    return Optional.of(file + fileLine(file, camel, reason) + ": jq does not compile: " + reason);
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.of(file + ": cannot read its template: " + unreadable.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : e.getMessage();
    }

    private static boolean compiles(CamelContext camel, String expression) {
        try {
            Expression compiled = camel.resolveLanguage("jq").createExpression(expression);
            compiled.init(camel);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Every jq expression of the template: {@code jq: "..."} or {@code jq: {expression: "..."}}. */
    static List<String> expressions(Object node) {
        List<String> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("jq".equals(key)) {
                    found.add(value instanceof Map<?, ?> jq ? String.valueOf(jq.get("expression")) : String.valueOf(value));
                } else {
                    found.addAll(expressions(value));
                }
            });
        } else if (node instanceof Collection<?> c) {
            c.forEach(v -> found.addAll(expressions(v)));
        }
        return found;
    }
}
