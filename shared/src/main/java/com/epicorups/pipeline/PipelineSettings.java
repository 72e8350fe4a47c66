package com.epicorups.pipeline;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code pipeline} sub-object of CONNECTOR_SETTINGS. Every key is optional:
 * <ul>
 *   <li>{@code claimLeaseSeconds} (600, 240..43200): how long a creator's ledger claim lasts; after it an
 *       unfinished claim is reconciled with UPS before anything is created</li>
 *   <li>{@code batchConcurrency} (5, 1..50): messages of one SQS batch handled at once</li>
 *   <li>{@code renewalWindowHours} (48, 1..336): Track Alert subscriptions ending within it are renewed</li>
 *   <li>{@code retryBaseSeconds} (30, 1..900) and {@code retryMaxSeconds} (900, base..43200): visibility
 *       backoff of a transiently failed message, doubling with its receive count</li>
 *   <li>{@code maxRenewalsPerRun} (5000, 1..100000): releases one renewal run looks at</li>
 * </ul>
 * Unknown keys are rejected so that a typo does not silently fall back to a default.
 */
public record PipelineSettings(Duration claimLease, int batchConcurrency, Duration renewalWindow,
                               Duration retryBase, Duration retryMax, int maxRenewalsPerRun) {

    /** Twice the shipment creator's Lambda timeout in template.yaml. */
    public static final int MIN_CLAIM_LEASE_SECONDS = 240;

    private static final Set<String> KEYS = Set.of("claimLeaseSeconds", "batchConcurrency", "renewalWindowHours",
            "retryBaseSeconds", "retryMaxSeconds", "maxRenewalsPerRun");

    public PipelineSettings {
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("pipeline.retryMaxSeconds must be at least pipeline.retryBaseSeconds");
        }
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(Duration.ofMinutes(10), 5, Duration.ofHours(48), Duration.ofSeconds(30),
                Duration.ofMinutes(15), 5000);
    }

    /** Parses the whole CONNECTOR_SETTINGS JSON (null or blank means all defaults). */
    public static PipelineSettings fromConnectorSettings(String connectorSettingsJson) {
        if (connectorSettingsJson == null || connectorSettingsJson.isBlank()) {
            return defaults();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(connectorSettingsJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("CONNECTOR_SETTINGS is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("CONNECTOR_SETTINGS must be a JSON object");
        }
        return fromJson(root.get("pipeline"));
    }

    /** Parses the {@code pipeline} object itself (null means all defaults). */
    public static PipelineSettings fromJson(JsonNode pipeline) {
        if (pipeline == null || pipeline.isNull()) {
            return defaults();
        }
        if (!pipeline.isObject()) {
            throw new IllegalArgumentException("CONNECTOR_SETTINGS.pipeline must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = pipeline.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("CONNECTOR_SETTINGS.pipeline has unknown keys " + unknown
                    + "; known keys: " + KEYS.stream().sorted().toList());
        }
        // Never shorter than the creator's Lambda timeout (120 s) plus margin: a claim that lapses while a ship
        // call is still running would let another attempt find nothing at UPS and buy a second label.
        long lease = integer(pipeline, "claimLeaseSeconds", 600, MIN_CLAIM_LEASE_SECONDS, 43_200);
        long concurrency = integer(pipeline, "batchConcurrency", 5, 1, 50);
        long window = integer(pipeline, "renewalWindowHours", 48, 1, 336);
        long retryBase = integer(pipeline, "retryBaseSeconds", 30, 1, 900);
        long retryMax = integer(pipeline, "retryMaxSeconds", Math.max(900, retryBase), retryBase, 43_200);
        long renewals = integer(pipeline, "maxRenewalsPerRun", 5000, 1, 100_000);
        return new PipelineSettings(Duration.ofSeconds(lease), (int) concurrency, Duration.ofHours(window),
                Duration.ofSeconds(retryBase), Duration.ofSeconds(retryMax), (int) renewals);
    }

    private static long integer(JsonNode node, String key, long defaultValue, long min, long max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException("CONNECTOR_SETTINGS.pipeline." + key + " must be a whole number, got "
                    + value);
        }
        long v = value.asLong();
        if (v < min || v > max) {
            throw new IllegalArgumentException("CONNECTOR_SETTINGS.pipeline." + key + " must be between " + min
                    + " and " + max + ", got " + v);
        }
        return v;
    }
}
