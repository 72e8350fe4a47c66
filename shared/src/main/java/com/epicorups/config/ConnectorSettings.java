package com.epicorups.config;

import com.epicorups.core.Json;
import com.epicorups.core.settings.Wording;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.ups.UpsSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CONNECTOR_SETTINGS, typed and checked: a JSON object with optional sections {@code epicor}, {@code ups} and
 * {@code pipeline}, each bound to its record ({@link EpicorSettings}, {@link UpsSettings}, {@link PipelineSettings})
 * with every default in place. Parsed once when a function starts; every problem of the whole document (an
 * unknown key anywhere, a wrong type, a value out of range) is reported together in one {@link ConfigException}.
 * Holds no secret: those are read at first use ({@code EpicorSecret}, {@code UpsSecret}, {@code WebhookSecret}).
 */
public record ConnectorSettings(EpicorSettings epicor, UpsSettings ups, PipelineSettings pipeline) {
    public static final String VARIABLE = "CONNECTOR_SETTINGS";
    private static final List<String> SECTIONS = List.of("epicor", "ups", "pipeline");
    private static final Wording TOP_LEVEL = Wording.of(VARIABLE, key -> VARIABLE + " key \"" + key + "\"");

    public ConnectorSettings {
        Objects.requireNonNull(epicor, "epicor");
        Objects.requireNonNull(ups, "ups");
        Objects.requireNonNull(pipeline, "pipeline");
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

    /**
     * Parses the JSON text; null or blank means every default.
     *
     * @throws ConfigException listing every problem of the document
     */
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
        return fromJson(object);
    }

    /** @throws ConfigException listing every problem of the document */
    public static ConnectorSettings fromJson(ObjectNode root) {
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SECTIONS.contains(name)) {
                problems.add(TOP_LEVEL.unknownKey(name, name, SECTIONS));
            }
        }
        ObjectNode epicor = section(root, "epicor", problems);
        ObjectNode ups = section(root, "ups", problems);
        ObjectNode pipeline = section(root, "pipeline", problems);
        ConnectorSettings settings = new ConnectorSettings(
                EpicorSettings.read(withUpsShipViaCodes(epicor, ups), problems),
                UpsSettings.read(ups, problems),
                PipelineSettings.read(pipeline, problems));
        if (problems.isEmpty()) {
            problems.addAll(FunctionTimeout.problems(settings));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return settings;
    }

    /**
     * Which releases are UPS's: {@code epicor.upsShipViaCodes} when given (an empty list means all); otherwise the
     * ShipVia codes of {@code ups.serviceMap} and {@code ups.bestWay}, so a release another carrier ships is skipped at
     * the poll (NOT_UPS_SHIP_VIA) instead of getting a paid UPS label. No service map: every release is UPS's.
     */
    private static ObjectNode withUpsShipViaCodes(ObjectNode epicor, ObjectNode ups) {
        JsonNode serviceMap = ups.path("serviceMap");
        if (epicor.hasNonNull("upsShipViaCodes") || !serviceMap.isObject() || serviceMap.isEmpty()) {
            return epicor;
        }
        ObjectNode withCodes = epicor.deepCopy();
        ArrayNode codes = withCodes.putArray("upsShipViaCodes");
        serviceMap.fieldNames().forEachRemaining(codes::add);
        JsonNode bestWay = ups.path("bestWay");
        if (bestWay.isObject()) {
            bestWay.fieldNames().forEachRemaining(code -> {
                if (!serviceMap.has(code)) {
                    codes.add(code);
                }
            });
        }
        return withCodes;
    }

    private static ObjectNode section(ObjectNode root, String name, List<String> problems) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Json.mapper().createObjectNode();
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        problems.add(TOP_LEVEL.problem(name, "must be a JSON object, but is a JSON "
                + node.getNodeType().name().toLowerCase()));
        return Json.mapper().createObjectNode();
    }
}
