package com.epicorups.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, bounded by a maximum delay. Immutable. */
public final class Backoff {
    private final Duration base;
    private final Duration max;

    public Backoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive");
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max must be at least base");
        }
        this.base = base;
        this.max = max;
    }

    /** The ceiling for attempt n (1-based): base * 2^(n-1), capped at max. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based");
        }
        int shift = Math.min(attempt - 1, 30);
        long millis = base.toMillis() << shift;
        if (millis <= 0 || millis > max.toMillis()) {
            return max;
        }
        return Duration.ofMillis(millis);
    }

    /** A random delay in [ceiling/2, ceiling] for attempt n: jittered but never near zero. */
    public Duration delay(int attempt) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    public Duration base() {
        return base;
    }

    public Duration max() {
        return max;
    }
}
