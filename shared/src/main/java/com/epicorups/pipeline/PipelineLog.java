package com.epicorups.pipeline;

import com.epicorups.logging.JsonLogger;
import java.util.Map;

/**
 * Event-style logging for the use cases, written through {@link JsonLogger} (so every line carries the
 * correlation id and passes the secret {@link com.epicorups.logging.Redactor}). Callers pass only
 * identifiers, codes and counts: never secrets, tokens, addresses or labels.
 */
public final class PipelineLog {
    private static final JsonLogger LOG = JsonLogger.getLogger("com.epicorups.pipeline");

    private PipelineLog() {
    }

    public static void info(String event, Map<String, ?> fields) {
        LOG.info(event, keyValues(fields));
    }

    public static void warn(String event, Map<String, ?> fields) {
        LOG.warn(event, keyValues(fields));
    }

    private static Object[] keyValues(Map<String, ?> fields) {
        Object[] keyValues = new Object[fields.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            keyValues[i++] = field.getKey();
            keyValues[i++] = field.getValue();
        }
        return keyValues;
    }
}
