package com.callintel.hub.ams.contract;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Compares what the connector sent with a recorded request: XML as namespace-qualified element trees in document
 * order (prefixes and formatting aside, {@code i:nil} kept), JSON structurally (no missing or extra members),
 * forms and queries as parameter maps. {@code {{*}}} in recorded text stands for any text. Each difference is
 * described by where it is.
 */
final class ContractComparison {

    static final String ANY = "{{*}}";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractComparison() {
    }

    /** Whether {@code actual} is {@code recorded}, {@code {{*}}} matching any text. */
    static boolean text(String recorded, String actual) {
        if (actual == null) {
            return recorded == null;
        }
        if (recorded == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = recorded.split(Pattern.quote(ANY), -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append(".*");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    /** The differences between a recorded and a sent body of {@code contentType}. */
    static List<String> body(String contentType, String recorded, String actual) {
        List<String> differences = new ArrayList<>();
        try {
            if (RecordedExchange.isKind(contentType, "xml")) {
                element(root(recorded), root(actual), "", differences);
            } else if (RecordedExchange.isKind(contentType, "json")) {
                json(JSON.readTree(recorded), JSON.readTree(actual), "$", differences);
            } else if (RecordedExchange.isKind(contentType, "form")) {
                differences.addAll(parameters("form", recorded, actual));
            } else if (!text(recorded, actual)) {
                differences.add("body: expected <" + recorded + "> but was <" + actual + ">");
            }
        } catch (Exception e) {
            differences.add("body could not be read as " + contentType + ": " + e);
        }
        return differences;
    }

    /** The differences between two form-encoded parameter lists (a body or a query). */
    static List<String> parameters(String what, String recorded, String actual) {
        Map<String, String> expected = decode(recorded);
        Map<String, String> sent = decode(actual);
        List<String> differences = new ArrayList<>();
        if (!expected.keySet().equals(sent.keySet())) {
            differences.add(what + " parameters: expected " + expected.keySet() + " but were " + sent.keySet());
        }
        expected.forEach((name, value) -> {
            if (sent.containsKey(name) && !text(value, sent.get(name))) {
                differences.add(what + " parameter " + name + ": expected <" + value + "> but was <" + sent.get(name) + ">");
            }
        });
        return differences;
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return parameters;
        }
        for (String pair : encoded.strip().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(name, value.equals(ANY) ? ANY : URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void json(JsonNode recorded, JsonNode actual, String at, List<String> differences) {
        if (recorded.isTextual() && actual.isValueNode() && !actual.isNull()) {
            if (!text(recorded.asText(), actual.asText()) || (!actual.isTextual() && !recorded.asText().equals(ANY))) {
                differences.add(at + ": expected " + recorded + " but was " + actual);
            }
        } else if (recorded.isObject() && actual.isObject()) {
            List<String> expectedNames = new ArrayList<>();
            recorded.fieldNames().forEachRemaining(expectedNames::add);
            List<String> sentNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(sentNames::add);
            if (!new java.util.TreeSet<>(expectedNames).equals(new java.util.TreeSet<>(sentNames))) {
                differences.add(at + ": members expected " + expectedNames + " but were " + sentNames);
            }
            for (String name : expectedNames) {
                if (actual.has(name)) {
                    json(recorded.get(name), actual.get(name), at + "." + name, differences);
                }
            }
        } else if (recorded.isArray() && actual.isArray() && recorded.size() == actual.size()) {
            for (int i = 0; i < recorded.size(); i++) {
                json(recorded.get(i), actual.get(i), at + "[" + i + "]", differences);
            }
        } else if (!recorded.equals(actual)) {
            differences.add(at + ": expected " + recorded + " but was " + actual);
        }
    }

    private static Element root(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static void element(Element recorded, Element actual, String at, List<String> differences) {
        String here = at + "/" + actual.getLocalName();
        if (!recorded.getLocalName().equals(actual.getLocalName())
                || !String.valueOf(recorded.getNamespaceURI()).equals(String.valueOf(actual.getNamespaceURI()))) {
            differences.add(at + ": expected {" + recorded.getNamespaceURI() + "}" + recorded.getLocalName()
                    + " but was {" + actual.getNamespaceURI() + "}" + actual.getLocalName());
            return;
        }
        Map<String, String> expectedAttributes = attributes(recorded);
        Map<String, String> sentAttributes = attributes(actual);
        if (!expectedAttributes.equals(sentAttributes)) {
            differences.add(here + ": attributes expected " + expectedAttributes + " but were " + sentAttributes);
        }
        List<Element> expectedChildren = children(recorded);
        List<Element> sentChildren = children(actual);
        if (expectedChildren.isEmpty() && sentChildren.isEmpty()) {
            if (!text(recorded.getTextContent().strip(), actual.getTextContent().strip())) {
                differences.add(here + ": expected <" + recorded.getTextContent().strip() + "> but was <"
                        + actual.getTextContent().strip() + ">");
            }
            return;
        }
        List<String> expectedNames = expectedChildren.stream().map(Element::getLocalName).toList();
        List<String> sentNames = sentChildren.stream().map(Element::getLocalName).toList();
        if (!expectedNames.equals(sentNames)) {
            differences.add(here + ": children expected in order " + expectedNames + " but were " + sentNames);
            return;
        }
        Iterator<Element> sent = sentChildren.iterator();
        for (Element child : expectedChildren) {
            element(child, sent.next(), here, differences);
        }
    }

    /** Attributes other than namespace declarations, as {namespace}name = value. */
    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new java.util.TreeMap<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Attr attribute = (Attr) all.item(i);
            if (!XMLNS.equals(attribute.getNamespaceURI())) {
                attributes.put("{" + attribute.getNamespaceURI() + "}" + attribute.getLocalName(), attribute.getValue());
            }
        }
        return attributes;
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
