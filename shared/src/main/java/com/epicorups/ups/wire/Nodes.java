package com.epicorups.ups.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient readers for UPS JSON: one element may arrive as a bare object instead of an array,
 * numbers arrive as strings, and indicator fields are present-with-"" rather than true.
 */
public final class Nodes {
    private Nodes() {
    }

    /** The children of an array, or the node itself when UPS collapsed a one-element array; empty when absent. */
    public static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** The first element of an array-or-object, or a missing node. */
    public static JsonNode first(JsonNode node) {
        List<JsonNode> all = list(node);
        return all.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : all.get(0);
    }

    /** Text of a scalar (numbers included), trimmed; null when absent or blank. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    public static String text(JsonNode parent, String field) {
        return parent == null ? null : text(parent.path(field));
    }

    /** Presence flag semantics: the field exists, whatever its value (UPS sends ""). */
    public static boolean indicator(JsonNode parent, String field) {
        return parent != null && parent.has(field);
    }

    /** The strings of an array-or-scalar field. */
    public static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(node)) {
            String text = text(item);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }
}
