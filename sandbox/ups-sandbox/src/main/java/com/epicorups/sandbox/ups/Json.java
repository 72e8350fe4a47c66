package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed JSON", e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UPS sends a single element either as an object or as a one-element array; read both as a list. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null) {
                return "";
            }
            current = current.get(field);
        }
        return current == null || current.isNull() ? "" : current.asText("");
    }

    static ObjectNode error(String code, String message) {
        ObjectNode body = object();
        ObjectNode error = body.putObject("response").putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        return body;
    }
}
