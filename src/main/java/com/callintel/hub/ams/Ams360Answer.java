package com.callintel.hub.ams;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import static com.callintel.hub.ams.Ams360Envelopes.DATA_CONTRACT_NS;
import static com.callintel.hub.ams.Ams360Envelopes.SOAP_NS;
import static com.callintel.hub.ams.Ams360Envelopes.WSAPI_NS;
import static com.callintel.hub.ams.Ams360Envelopes.XSI_NS;

/**
 * One answer of AMS360 WSAPI v3, read namespace-aware with XPath: the WSAPISession ticket header, a SOAP fault
 * with its WSAPI fault detail, and the data-contract members of a result.
 */
final class Ams360Answer {

    /** A SOAP fault: its WSAPI type (WSAPISecurityFault, WSAPIBusinessFault, WSAPIGeneralFault, or WCF's code). */
    record Fault(String type, String code, String message, List<String> details) {

        boolean security() {
            return "WSAPISecurityFault".equals(type);
        }

        /** What the sync should do about it: give up when resending cannot help, otherwise retry later. */
        RuntimeException toException(String operation) {
            String reason = message + (details.isEmpty() ? "" : ": " + String.join("; ", details));
            return switch (type) {
                case "WSAPISecurityFault" -> new AmsRefusedException("the AMS refused the hub's credentials ("
                        + operation + ": " + reason + ")");
                case "WSAPIBusinessFault" -> new AmsRefusedException("AMS360 refused " + operation + ": " + reason);
                case "WSAPIGeneralFault" -> new AmsUnavailableException("AMS360 failed " + operation + ": " + reason);
                // SOAP 1.1: a Server fault may pass; a Client fault (WCF's DeserializationFailed, ...) will not
                default -> code.endsWith("Server")
                        ? new AmsUnavailableException("AMS360 failed " + operation + ": " + reason)
                        : new AmsRefusedException("AMS360 rejected " + operation + " (" + type + "): " + reason);
            };
        }
    }

    private static final int MAX_TEXT = 300;
    private static final NamespaceContext PREFIXES = new NamespaceContext() {
        private final Map<String, String> uris = Map.of("s", SOAP_NS, "w", WSAPI_NS, "a", DATA_CONTRACT_NS);

        @Override
        public String getNamespaceURI(String prefix) {
            return uris.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String uri) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return null;
        }
    };

    private final Document document;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private Ams360Answer(Document document) {
        this.document = document;
        xpath.setNamespaceContext(PREFIXES);
    }

    /** The answer, or empty when {@code xml} is not a SOAP 1.1 envelope (a gateway's HTML page, say). */
    static Optional<Ams360Answer> parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = document.getDocumentElement();
            boolean envelope = "Envelope".equals(root.getLocalName()) && SOAP_NS.equals(root.getNamespaceURI());
            return envelope ? Optional.of(new Ams360Answer(document)) : Optional.empty();
        } catch (SAXException | IOException e) {
            return Optional.empty();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SOAP fault, if the answer is one. faultcode, faultstring and detail are unqualified in SOAP 1.1. */
    Optional<Fault> fault() {
        Element fault = (Element) node("/s:Envelope/s:Body/s:Fault", document);
        if (fault == null) {
            return Optional.empty();
        }
        String code = text(node("faultcode", fault));
        String faultString = text(node("faultstring", fault));
        Element detail = (Element) node("detail/*[1]", fault);
        String type = detail != null ? detail.getLocalName() : code.substring(code.indexOf(':') + 1);
        Node detailMessage = detail == null ? null : node("a:Message", detail);
        String message = detailMessage != null ? text(detailMessage) : faultString;
        List<String> details = new ArrayList<>();
        if (detail != null) {
            for (Node item : nodes("a:FaultDetails/a:WSAPIBusinessFaultDetail", detail)) {
                String dataName = text(node("a:DataName", item));
                details.add(text(node("a:Message", item)) + (dataName.isEmpty() ? "" : " (" + dataName + ")"));
            }
        }
        return Optional.of(new Fault(type, code, message, List.copyOf(details)));
    }

    /** The ticket of the WSAPISession output header (Login), or null. */
    String ticket() {
        Node ticket = node("/s:Envelope/s:Header/w:WSAPISession/w:Ticket", document);
        return ticket == null || ticket.getTextContent().isBlank() ? null : ticket.getTextContent().trim();
    }

    /** The first data-contract member {@code name} anywhere in the body, e.g. ActivityId; null when absent or nil. */
    String member(String name) {
        Node member = node("/s:Envelope/s:Body//a:" + name, document);
        return member == null || nil(member) ? null : member.getTextContent().trim();
    }

    /** Every data-contract element {@code item} in the body (e.g. SearchResultInfo) as its members by name. */
    List<Map<String, String>> items(String item) {
        List<Map<String, String>> items = new ArrayList<>();
        for (Node found : nodes("/s:Envelope/s:Body//a:" + item, document)) {
            Map<String, String> members = new LinkedHashMap<>();
            for (Node child = found.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && DATA_CONTRACT_NS.equals(element.getNamespaceURI())) {
                    members.put(element.getLocalName(), nil(element) ? null : element.getTextContent().trim());
                }
            }
            items.add(members);
        }
        return items;
    }

    private static boolean nil(Node node) {
        return node instanceof Element element && "true".equals(element.getAttributeNS(XSI_NS, "nil"));
    }

    private Node node(String path, Node context) {
        try {
            return (Node) xpath.evaluate(path, context, XPathConstants.NODE);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Node> nodes(String path, Node context) {
        try {
            NodeList list = (NodeList) xpath.evaluate(path, context, XPathConstants.NODESET);
            List<Node> nodes = new ArrayList<>(list.getLength());
            for (int i = 0; i < list.getLength(); i++) {
                nodes.add(list.item(i));
            }
            return nodes;
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trimmed text, cut so that an AMS's long message never floods a sync's last_error. */
    private static String text(Node node) {
        String text = node == null ? "" : node.getTextContent().trim();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
