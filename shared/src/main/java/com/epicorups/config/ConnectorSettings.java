package com.epicorups.config;

import com.epicorups.core.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The non-secret settings of CONNECTOR_SETTINGS: a JSON object with optional sub-objects {@code epicor},
 * {@code ups} and {@code pipeline}. This class only checks the outer shape; each client parses its own
 * sub-object into a typed settings record with its own defaults.
 */
public final class ConnectorSettings {
    public static final String VARIABLE = "CONNECTOR_SETTINGS";
    private static final Set<String> SECTIONS = Set.of("epicor", "ups", "pipeline");

    private final ObjectNode epicor;
    private final ObjectNode ups;
    private final ObjectNode pipeline;

    private ConnectorSettings(ObjectNode epicor, ObjectNode ups, ObjectNode pipeline) {
        this.epicor = epicor;
        this.ups = ups;
        this.pipeline = pipeline;
    }

    /** Every default: no settings given. */
    public static ConnectorSettings empty() {
        return parse("{}");
    }

    public static ConnectorSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static ConnectorSettings from(Map<String, String> env) {
        return parse(env.get(VARIABLE));
    }

    /** Parses the JSON text; null or blank means every default. */
    public static ConnectorSettings parse(String json) {
        if (json == null || json.isBlank()) {
            json = "{}";
        }
        JsonNode root;
        try {
            root = Json.mapper().reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(VARIABLE + " is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "): set it to a JSON object such as {\"ups\":{\"defaultService\":\"03\"}}", e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ConfigException(List.of(VARIABLE + " must be a JSON object with optional \"epicor\", \"ups\" and"
                    + " \"pipeline\" objects, but is a JSON " + root.getNodeType().name().toLowerCase()));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SECTIONS.contains(name)) {
                problems.add(VARIABLE + " has an unknown key \"" + name
                        + "\": the known keys are \"epicor\", \"ups\" and \"pipeline\"");
            }
        }
        ObjectNode epicor = section(object, "epicor", problems);
        ObjectNode ups = section(object, "ups", problems);
        ObjectNode pipeline = section(object, "pipeline", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ConnectorSettings(epicor, ups, pipeline);
    }

    /** Settings owned by the Epicor client; an empty object when none are given. */
    /** The whole settings document with its three sections, for parsers that take the whole document. */
    public ObjectNode root() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("epicor", epicor.deepCopy());
        root.set("ups", ups.deepCopy());
        root.set("pipeline", pipeline.deepCopy());
        return root;
    }

    public JsonNode epicor() {
        return epicor.deepCopy();
    }

    /** Settings owned by the UPS client; an empty object when none are given. */
    public JsonNode ups() {
        return ups.deepCopy();
    }

    /** Settings owned by the pipeline (lease times, batch concurrency); an empty object when none are given. */
    public JsonNode pipeline() {
        return pipeline.deepCopy();
    }

    private static ObjectNode section(ObjectNode root, String name, List<String> problems) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Json.mapper().createObjectNode();
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        problems.add(VARIABLE + " key \"" + name + "\" must be a JSON object, but is a JSON "
                + node.getNodeType().name().toLowerCase());
        return Json.mapper().createObjectNode();
    }

    @Override
    public String toString() {
        return "ConnectorSettings{epicor=" + epicor + ", ups=" + ups + ", pipeline=" + pipeline + "}";
    }
}
