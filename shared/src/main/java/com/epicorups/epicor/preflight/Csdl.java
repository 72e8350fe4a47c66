package com.epicorups.epicor.preflight;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The columns a service's {@code $metadata} (OData CSDL XML) declares: entity set name → property name → EDM type
 * ({@code Edm.String}, {@code Edm.DateTimeOffset}, ...). The JDK's own XML parser, with DOCTYPEs refused.
 */
final class Csdl {
    private Csdl() {
    }

    /** Properties of each entity set's entity type; a BAQ's one result set among them. */
    static Map<String, Map<String, String>> propertiesBySet(String xml) {
        Document document = parse(xml);
        Map<String, Map<String, String>> byType = new LinkedHashMap<>();
        NodeList types = document.getElementsByTagNameNS("*", "EntityType");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            Map<String, String> properties = new LinkedHashMap<>();
            NodeList children = type.getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                Node child = children.item(j);
                if (child instanceof Element property && "Property".equals(property.getLocalName())) {
                    properties.put(property.getAttribute("Name"), property.getAttribute("Type"));
                }
            }
            byType.put(type.getAttribute("Name"), properties);
        }
        Map<String, Map<String, String>> bySet = new LinkedHashMap<>();
        NodeList sets = document.getElementsByTagNameNS("*", "EntitySet");
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            String qualified = set.getAttribute("EntityType");
            String typeName = qualified.substring(qualified.lastIndexOf('.') + 1);
            bySet.put(set.getAttribute("Name"), byType.getOrDefault(typeName, Map.of()));
        }
        return bySet;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an OData CSDL document: " + e.getMessage(), e);
        }
    }
}
