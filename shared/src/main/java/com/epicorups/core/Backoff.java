package com.epicorups.core;

import java.time.Duration;
import java.security.SecureRandom;

/** Exponential backoff with full jitter, bounded by a maximum delay. Immutable. */
public final class Backoff {
    /**
     * The jitter's source. Not ThreadLocalRandom: its seeds derive from state set when the class is first used,
     * which a SnapStart snapshot copies into every instance it resumes, so their retries would line up.
     * SecureRandom is a generator Lambda documents as safe to resume from a snapshot.
     */
    private static final SecureRandom JITTER = new SecureRandom();

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
        return Duration.ofMillis(half + JITTER.nextLong(ceiling - half + 1));
    }

    public Duration base() {
        return base;
    }

    public Duration max() {
        return max;
    }
}
