package com.epicorups.logging;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Structured logging without a logging framework (each jar costs Lambda cold-start time): one JSON object
 * per line with {@code timestamp}, {@code level}, {@code logger}, {@code message}, {@code service},
 * {@code correlationId} (when set) and the caller's key/value pairs. Every line passes through
 * {@link Redactor#global()} before it is written.
 *
 * <pre>{@code
 * private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreator.class);
 * LOG.info("shipment created", "trackingNumber", number, "attempt", 2);
 * }</pre>
 */
public final class JsonLogger {
    private static volatile LogConfig config = LogConfig.fromEnvironment();

    private final String name;

    private JsonLogger(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static JsonLogger getLogger(Class<?> type) {
        return new JsonLogger(type.getName());
    }

    public static JsonLogger getLogger(String name) {
        return new JsonLogger(name);
    }

    /** Replaces the output configuration of every logger; returns the previous one (tests restore it). */
    public static LogConfig configure(LogConfig newConfig) {
        LogConfig previous = config;
        config = Objects.requireNonNull(newConfig, "newConfig");
        return previous;
    }

    public static LogConfig config() {
        return config;
    }

    public boolean isEnabled(LogLevel level) {
        return config.minimum().enables(level);
    }

    public void trace(String message, Object... keyValues) {
        log(LogLevel.TRACE, message, null, keyValues);
    }

    public void debug(String message, Object... keyValues) {
        log(LogLevel.DEBUG, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(LogLevel.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(LogLevel.WARN, message, null, keyValues);
    }

    /** Logs the entries of {@code fields} as key/values (for callers that build a summary map). */
    public void info(String message, java.util.Map<String, ?> fields) {
        log(LogLevel.INFO, message, null, keyValues(fields));
    }

    public void warn(String message, java.util.Map<String, ?> fields) {
        log(LogLevel.WARN, message, null, keyValues(fields));
    }

    private static Object[] keyValues(java.util.Map<String, ?> fields) {
        Object[] keyValues = new Object[fields.size() * 2];
        int i = 0;
        for (java.util.Map.Entry<String, ?> field : fields.entrySet()) {
            keyValues[i++] = field.getKey();
            keyValues[i++] = field.getValue();
        }
        return keyValues;
    }

    public void warn(String message, Throwable error, Object... keyValues) {
        log(LogLevel.WARN, message, error, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log(LogLevel.ERROR, message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        log(LogLevel.ERROR, message, error, keyValues);
    }

    /**
     * Writes one line. {@code keyValues} alternate key (a String) and value; a trailing key without a value
     * is logged with a null value. Reserved field names cannot be overwritten by a key/value.
     */
    public void log(LogLevel level, String message, Throwable error, Object... keyValues) {
        LogConfig current = config;
        if (!current.minimum().enables(level)) {
            return;
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("timestamp", current.clock().instant().toString());
        line.put("level", level.name());
        line.put("logger", name);
        line.put("message", message);
        line.put("service", current.service());
        CorrelationId.current().ifPresent(id -> line.put("correlationId", id));
        if (keyValues != null) {
            for (int i = 0; i < keyValues.length; i += 2) {
                String key = String.valueOf(keyValues[i]);
                if (line.has(key)) {
                    key = "field." + key;
                }
                putValue(line, key, i + 1 < keyValues.length ? keyValues[i + 1] : null);
            }
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", error.getMessage());
            if (error instanceof ConnectorException connector) {
                line.put("reasonCode", connector.reasonCode());
                line.put("failureKind", connector.kind().name());
            }
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        String text;
        try {
            text = Json.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            text = "{\"level\":\"ERROR\",\"logger\":\"" + JsonLogger.class.getName()
                    + "\",\"message\":\"log line could not be serialised\"}";
        }
        current.sink().accept(Redactor.global().redact(text));
    }

    private static void putValue(ObjectNode line, String key, Object value) {
        if (value == null) {
            line.putNull(key);
        } else if (value instanceof String s) {
            line.put(key, s);
        } else if (value instanceof Integer n) {
            line.put(key, n);
        } else if (value instanceof Long n) {
            line.put(key, n);
        } else if (value instanceof Double n) {
            line.put(key, n);
        } else if (value instanceof Float n) {
            line.put(key, n);
        } else if (value instanceof BigDecimal n) {
            line.put(key, n);
        } else if (value instanceof BigInteger n) {
            line.put(key, n);
        } else if (value instanceof Short n) {
            line.put(key, n);
        } else if (value instanceof Boolean b) {
            line.put(key, b);
        } else {
            line.put(key, String.valueOf(value));
        }
    }
}
