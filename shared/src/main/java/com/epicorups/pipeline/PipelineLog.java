package com.epicorups.pipeline;

import com.epicorups.core.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per event on stdout (CloudWatch Logs), carrying the thread's correlation id. Callers pass
 * only identifiers, codes and counts: never secrets, tokens, addresses or labels.
 */
public final class PipelineLog {
    private PipelineLog() {
    }

    public static void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields);
    }

    public static void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields);
    }

    private static void write(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        String correlationId = Correlation.get();
        if (correlationId != null) {
            line.put("correlationId", correlationId);
        }
        line.putAll(fields);
        try {
            System.out.println(Json.mapper().writeValueAsString(line));
        } catch (Exception e) {
            System.out.println("{\"level\":\"" + level + "\",\"event\":\"" + event + "\"}");
        }
    }
}
