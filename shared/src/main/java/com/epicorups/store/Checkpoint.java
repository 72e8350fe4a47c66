package com.epicorups.store;

import java.time.Instant;
import java.util.Map;

/**
 * A named poll checkpoint. {@code version} is the optimistic-lock counter: 0 means "never written".
 * {@code values} holds what the poller needs to resume (for example the last SysRevID seen).
 */
public record Checkpoint(String name, long version, Map<String, String> values, Instant updatedAt) {
    public Checkpoint {
        values = Map.copyOf(values);
    }
}
