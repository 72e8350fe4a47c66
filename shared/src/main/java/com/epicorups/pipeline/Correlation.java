package com.epicorups.pipeline;

import java.util.function.Supplier;

/** The correlation id (release key, poll id, message id) of the work running on this thread, for logs. */
public final class Correlation {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    public static void set(String id) {
        CURRENT.set(id);
    }

    public static String get() {
        return CURRENT.get();
    }

    public static void clear() {
        CURRENT.remove();
    }

    public static <T> T with(String id, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(id);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
