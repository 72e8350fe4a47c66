package com.epicorups.logging;

import java.util.Optional;

/**
 * The id that ties together every log line about one unit of work: a release key while a release is
 * processed, a poll id during a poll. Kept per thread; {@link #open(String)} restores the previous id when
 * closed, so nested work and thread reuse (Lambda containers, executor pools) never leak an id.
 *
 * <pre>{@code
 * try (CorrelationId.Scope scope = CorrelationId.open(key.asString())) {
 *     ...
 * }
 * }</pre>
 */
public final class CorrelationId {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CorrelationId() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static void set(String id) {
        if (id == null || id.isBlank()) {
            CURRENT.remove();
        } else {
            CURRENT.set(id);
        }
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} with {@code id} as the correlation id, then restores the previous one. */
    public static <T> T with(String id, java.util.function.Supplier<T> work) {
        try (Scope ignored = open(id)) {
            return work.get();
        }
    }

    /** Sets {@code id} until the returned scope is closed, then puts back whatever was there before. */
    public static Scope open(String id) {
        String previous = CURRENT.get();
        set(id);
        return new Scope(previous);
    }

    /** Closing restores the previous id; it is safe to close once only. */
    public static final class Scope implements AutoCloseable {
        private final String previous;

        private Scope(String previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            set(previous);
        }
    }
}
