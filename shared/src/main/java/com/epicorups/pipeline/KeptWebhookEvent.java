package com.epicorups.pipeline;

import com.epicorups.core.Json;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Track Alert event kept in the label bucket because neither the queue nor the audit table took it: the audit
 * entry it would have been, as JSON, so that {@code connector replay --kept} can write it to the audit table and
 * replay it like any FAILED entry.
 */
public final class KeptWebhookEvent {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private KeptWebhookEvent() {
    }

    /** {@code yyyy/MM/dd/<instant>-<random>.json}: sorted by time, never overwritten. */
    static String name(AuditEntry entry) {
        return DAY.format(entry.at()) + "/" + entry.at().toString().replace(':', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".json";
    }

    static String toJson(AuditEntry entry) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("subject", entry.subjectKey());
        node.put("at", entry.at().toString());
        node.put("operation", entry.operation().name());
        node.put("reasonCode", entry.reasonCode());
        node.put("message", entry.message());
        ObjectNode details = node.putObject("details");
        entry.details().forEach(details::put);
        node.put("replayMessage", entry.replayMessage());
        return node.toString();
    }

    /** The audit entry a kept event stands for (FAILED, with its replay message). */
    public static AuditEntry fromJson(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a kept webhook event: " + e.getOriginalMessage(), e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        node.path("details").fields().forEachRemaining(f -> details.put(f.getKey(), f.getValue().asText()));
        return new AuditEntry(node.path("subject").asText(), Instant.parse(node.path("at").asText()),
                AuditOperation.valueOf(node.path("operation").asText()), AuditOutcome.FAILED,
                node.path("reasonCode").asText(null), node.path("message").asText(null), 0, details,
                node.path("replayMessage").asText(null));
    }
}
