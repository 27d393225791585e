package com.callintel.hub.sandbox.ams;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A SOAP 1.1 request to WSAPI v3, read namespace-aware with the JDK's DOM and XPath: the WSAPISession ticket,
 * the body's operation element and its {@code Request}. Members of a data contract are read the way WCF's
 * DataContractSerializer does — in XSD sequence order, so an element out of order is skipped as unknown.
 */
final class SoapRequest {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String WSAPI_NS = "http://www.WSAPI.AMS360.com/v3.0";
    static final String DATA_CONTRACT_NS = "http://www.WSAPI.AMS360.com/v3.0/DataContract";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    private static final NamespaceContext PREFIXES = new NamespaceContext() {
        private final Map<String, String> uris = Map.of("s", SOAP_NS, "w", WSAPI_NS);

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

    private SoapRequest(Document document) {
        this.document = document;
        xpath.setNamespaceContext(PREFIXES);
    }

    /** Parses {@code xml} with DTDs refused; null when it is not well-formed XML. */
    static SoapRequest parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return new SoapRequest(factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
        } catch (SAXException | IOException e) {
            return null;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ticket of the WSAPISession header, or null. */
    String ticket() {
        String ticket = evaluate("/s:Envelope/s:Header/w:WSAPISession/w:Ticket");
        return ticket == null || ticket.isBlank() ? null : ticket.trim();
    }

    /** The first element inside s:Body, or null. */
    Element operation() {
        try {
            return (Element) xpath.evaluate("/s:Envelope/s:Body/*[1]", document, XPathConstants.NODE);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operation's {@code Request} element (WSDL namespace), or null. */
    Element request() {
        try {
            return (Element) xpath.evaluate("/s:Envelope/s:Body/*[1]/w:Request", document, XPathConstants.NODE);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    private String evaluate(String path) {
        try {
            Node node = (Node) xpath.evaluate(path, document, XPathConstants.NODE);
            return node == null ? null : node.getTextContent();
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The data-contract members of {@code container} named in {@code sequence}, read in that order: an element
     * whose name comes earlier than one already read, or that is not in the DataContract namespace, is ignored.
     */
    static Members members(Element container, List<String> sequence) {
        Map<String, Element> found = new HashMap<>();
        int next = 0;
        for (Node child = container == null ? null : container.getFirstChild(); child != null;
                child = child.getNextSibling()) {
            if (child instanceof Element element && DATA_CONTRACT_NS.equals(element.getNamespaceURI())) {
                int at = sequence.subList(next, sequence.size()).indexOf(element.getLocalName());
                if (at >= 0) {
                    found.put(element.getLocalName(), element);
                    next += at + 1;
                }
            }
        }
        return new Members(found);
    }

    /** The members read from one data contract. */
    record Members(Map<String, Element> elements) {

        /** The text of member {@code name}; null when absent or {@code i:nil="true"}. */
        String text(String name) {
            Element element = elements.get(name);
            if (element == null || "true".equals(element.getAttributeNS(XSI_NS, "nil"))) {
                return null;
            }
            return element.getTextContent();
        }

        /** The trimmed text of a typed member (guid, date, duration), as WCF reads those; null when absent. */
        String typed(String name) {
            String text = text(name);
            return text == null ? null : text.trim();
        }

        Element element(String name) {
            return elements.get(name);
        }
    }
}
