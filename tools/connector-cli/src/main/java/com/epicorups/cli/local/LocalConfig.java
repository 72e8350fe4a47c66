package com.epicorups.cli.local;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real endpoints for a local run ({@code --config FILE}): the three secrets and CONNECTOR_SETTINGS as one JSON
 * document {@code {"epicorSecret":{...},"upsSecret":{...},"webhookSecret":{...},"settings":{...}}}. The secrets
 * have the shapes of CONTRACTS.md's EpicorSecret, UpsSecret and WebhookSecret.
 */
public record LocalConfig(JsonNode epicorSecret, JsonNode upsSecret, JsonNode webhookSecret, ObjectNode settings) {

    public static LocalConfig load(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config " + file + " must be a JSON object with epicorSecret, upsSecret,"
                    + " webhookSecret and settings");
        }
        List<String> problems = new ArrayList<>();
        JsonNode epicor = root.path("epicorSecret");
        JsonNode ups = root.path("upsSecret");
        if (!epicor.isObject()) {
            problems.add("epicorSecret is missing (an object like the EpicorSecret: baseUrl, company, apiKey, ...)");
        }
        if (!ups.isObject()) {
            problems.add("upsSecret is missing (an object like the UpsSecret: baseUrl, clientId, clientSecret)");
        }
        JsonNode settings = root.path("settings");
        if (!settings.isMissingNode() && !settings.isObject()) {
            problems.add("settings must be a JSON object (CONNECTOR_SETTINGS)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("config " + file + ": " + String.join("; ", problems));
        }
        JsonNode webhook = root.path("webhookSecret").isObject() ? root.get("webhookSecret") : Json.mapper().createObjectNode();
        ObjectNode settingsObject = settings.isObject() ? (ObjectNode) settings : Json.mapper().createObjectNode();
        return new LocalConfig(epicor, ups, webhook, settingsObject);
    }

    /** The embedded CONNECTOR_SETTINGS for the sample data: warehouses CHI/ATL/RNO, ZPL labels, Track Alert v2. */
    public static ObjectNode defaultSettings() {
        try (InputStream in = LocalConfig.class.getResourceAsStream("/local-run/connector-settings.json")) {
            if (in == null) {
                throw new IllegalStateException("local-run/connector-settings.json is missing from the jar");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
