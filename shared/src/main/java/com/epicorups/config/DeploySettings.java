package com.epicorups.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deploy-time settings the template writes into the DeploySettings secret from its parameters
 * (docs/decisions/0031-settings-reach-the-live-functions.md): a JSON object whose keys are the environment variables
 * they stand for. CONNECTOR_SETTINGS is the ConnectorSettings parameter embedded as a JSON object; the others are
 * text. {@link #overlay} turns the document into variables that replace the environment's own.
 */
public final class DeploySettings {
    /** The variable naming the secret; unset (local run, tests) means the environment alone. */
    public static final String SECRET_VARIABLE = "DEPLOY_SETTINGS_ID";
    public static final Set<String> KEYS = Set.of(ConnectorSettings.VARIABLE, "LOG_LEVEL", "MAX_RECEIVE_COUNT",
            "AUDIT_RETENTION_DAYS");

    private DeploySettings() {
    }

    /** @throws ConfigException naming every key that is unknown or of the wrong type */
    public static Map<String, String> overlay(JsonNode document) {
        if (!(document instanceof ObjectNode object)) {
            throw new ConfigException(List.of(SECRET_VARIABLE + "'s secret must be a JSON object with the keys "
                    + KEYS + " (template.yaml's DeploySettings)"));
        }
        Map<String, String> overlay = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!KEYS.contains(key)) {
                problems.add("the deploy settings have an unknown key \"" + key + "\": the known keys are " + KEYS);
            } else if (key.equals(ConnectorSettings.VARIABLE)) {
                overlay.put(key, value.isTextual() ? value.asText() : value.toString());
            } else if (value.isValueNode() && !value.isNull()) {
                overlay.put(key, value.asText());
            } else {
                problems.add("the deploy setting \"" + key + "\" must be a string or a number");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return overlay;
    }

    /** The environment with the overlay's variables in place of its own. */
    public static Map<String, String> over(Map<String, String> environment, Map<String, String> overlay) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(overlay);
        return Map.copyOf(merged);
    }
}
