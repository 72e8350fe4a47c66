package com.epicorups.pipeline;

import com.epicorups.logging.CorrelationId;
import java.util.function.Supplier;

/** Runs work under a correlation id (release key, poll id, message id); the id lives in {@link CorrelationId}. */
public final class Correlation {
    private Correlation() {
    }

    public static void set(String id) {
        CorrelationId.set(id);
    }

    public static String get() {
        return CorrelationId.current().orElse(null);
    }

    public static void clear() {
        CorrelationId.clear();
    }

    public static <T> T with(String id, Supplier<T> work) {
        try (CorrelationId.Scope ignored = CorrelationId.open(id)) {
            return work.get();
        }
    }
}
