package com.callintel.hub.sandbox.ams;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The shape of a fixture or an answer, values ignored: XML as the namespace-qualified element paths in document
 * order, JSON as the set of field paths ("_embedded.accounts[].id"). Also reads the shared AMS fixtures.
 */
final class FixtureShapes {

    static final Path AMS_FIXTURES = Path.of("../shared/fixtures/ams");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureShapes() {
    }

    static String fixture(String relative) {
        try {
            return Files.readString(AMS_FIXTURES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "/{ns}Envelope/{ns}Body/…" for every element, in document order. */
    static List<String> xmlShape(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            List<String> paths = new ArrayList<>();
            collect(root, "", paths);
            return paths;
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + xml, e);
        }
    }

    /** True when every element path of {@code expected} occurs in {@code actual}, in the same relative order. */
    static boolean isOrderedSubset(List<String> expected, List<String> actual) {
        Iterator<String> cursor = actual.iterator();
        for (String wanted : expected) {
            boolean found = false;
            while (cursor.hasNext() && !found) {
                found = cursor.next().equals(wanted);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static TreeSet<String> jsonShape(String json) {
        try {
            TreeSet<String> paths = new TreeSet<>();
            collect(JSON.readTree(json), "", paths);
            return paths;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    private static void collect(Element element, String parent, List<String> paths) {
        String path = parent + "/{" + element.getNamespaceURI() + "}" + element.getLocalName();
        paths.add(path);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collect(e, path, paths);
            }
        }
    }

    private static void collect(JsonNode node, String path, TreeSet<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                paths.add(child);
                collect(field.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, path + "[]", paths));
        }
    }
}
