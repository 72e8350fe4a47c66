package com.epicorups.port;

import java.util.Map;

/**
 * What writing one release's facts came to: the Epicor fields and values written, or the failure (a
 * {@code ConnectorException} when classified; anything else is treated as transient by the caller).
 */
public record WriteOutcome(Map<String, Object> written, RuntimeException failure) {
    public WriteOutcome {
        written = written == null ? Map.of() : Map.copyOf(written);
    }

    public static WriteOutcome written(Map<String, Object> fields) {
        return new WriteOutcome(fields, null);
    }

    public static WriteOutcome failed(RuntimeException failure) {
        return new WriteOutcome(Map.of(), failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
