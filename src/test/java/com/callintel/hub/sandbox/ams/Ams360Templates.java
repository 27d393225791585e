package com.callintel.hub.sandbox.ams;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders AMS360 answers from the templates in resources/…/sandbox/ams/ams360/, modelled on the shared fixtures
 * and kept in the WSDL's XSD element order. {@code {{name}}} is filled with escaped text, {@code {{{name}}}} with
 * an already rendered fragment. White space between elements is dropped, as WCF sends none.
 */
final class Ams360Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{(\\w+)}}}|\\{\\{(\\w+)}}");
    private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

    private Ams360Templates() {
    }

    static String loginResponse(String ticket) {
        return fill("login-response", Map.of("ticket", ticket));
    }

    static String logoutResponse() {
        return fill("logout-response", Map.of());
    }

    /** One SearchResultInfo per hit, in the order given. */
    static String searchResponse(List<Map<String, String>> hits) {
        StringBuilder results = new StringBuilder();
        hits.forEach(hit -> results.append(fill("search-result-info", hit)));
        return fill("search-by-phone-number-response", Map.of("results", results.toString()));
    }

    /** {@code fields} in XSD order; a null value becomes {@code i:nil="true"}. */
    static String customerResponse(List<Map.Entry<String, String>> fields) {
        StringBuilder xml = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            xml.append(field.getValue() == null ? "<a:" + field.getKey() + " i:nil=\"true\"/>"
                    : "<a:" + field.getKey() + ">" + escape(field.getValue()) + "</a:" + field.getKey() + ">");
        }
        return fill("customer-get-by-id-response", Map.of("customerFields", xml.toString()));
    }

    static String activityInserted(String activityId) {
        return fill("customer-activity-insert-response", Map.of("activityId", activityId));
    }

    static String noteInserted(String noteId) {
        return fill("customer-note-insert-response", Map.of("noteId", noteId));
    }

    static String securityFault(String message) {
        return fill("security-fault", Map.of("message", message, "causalityId", UUID.randomUUID().toString()));
    }

    static String businessFault(String message, List<Ams360Fault.Detail> details) {
        StringBuilder xml = new StringBuilder();
        details.forEach(d -> xml.append(fill("business-fault-detail",
                Map.of("message", d.message(), "dataName", d.dataName(), "entityKey", d.entityKey()))));
        return fill("business-fault", Map.of("message", message, "details", xml.toString()));
    }

    static String generalFault(String message) {
        return fill("general-fault", Map.of("message", message));
    }

    static String dispatcherFault(String codeNamespace, String code, String reason) {
        return fill("dispatcher-fault", Map.of("codeNamespace", codeNamespace, "code", code, "reason", reason));
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(LOADED.computeIfAbsent(template, Ams360Templates::load));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String raw = m.group(1);
            String name = raw != null ? raw : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("template " + template + " needs a value for " + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(raw != null ? value : escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String load(String template) {
        try (InputStream in = Ams360Templates.class.getResourceAsStream("ams360/" + template + ".xml")) {
            if (in == null) {
                throw new IllegalStateException("missing AMS360 template " + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().replaceAll(">\\s+<", "><");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
