package com.epicorups.cli.local;

import com.epicorups.config.ConfigException;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSecret;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.trackalert.WebhookSecret;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * have the shapes of the EpicorSecret, UpsSecret and WebhookSecret (docs/configuration.md). Both it and a
 * {@code --settings FILE} are checked when they are loaded, as a deployed function would check them, so a wrong
 * key ends the run before anything starts.
 */
public record LocalConfig(JsonNode epicorSecret, JsonNode upsSecret, JsonNode webhookSecret, ObjectNode settings) {

    /** @throws ConfigException naming every problem of the settings and the three secrets */
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
        checkAll(List.of(
                () -> ConnectorSettings.fromJson(settingsObject),
                () -> EpicorSecret.parse(epicor),
                () -> UpsSecret.parse(ups),
                () -> WebhookSecret.parse(webhook)));
        return new LocalConfig(epicor, ups, webhook, settingsObject);
    }

    /**
     * A CONNECTOR_SETTINGS file ({@code --settings FILE}): read as the functions read the variable.
     *
     * @throws ConfigException naming every problem (an unknown key, with the key it was meant to be)
     */
    public static ObjectNode loadSettings(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read settings " + file + ": " + e.getMessage(), e);
        }
        ConnectorSettings.parse(text);
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings " + file + " parsed once and not twice", e);
        }
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

    /** Runs every check and reports all their problems in one ConfigException, as a deployment would meet them. */
    private static void checkAll(List<Runnable> checks) {
        List<String> problems = new ArrayList<>();
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException | ConnectorException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
