package com.epicorups.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test moves forward: either from a fixed start ({@link #MutableClock(Instant)}) or as real time
 * plus an offset ({@link #followingSystemTime()}, for tests where servers keep real time and only the
 * connector's own measurements, such as claim leases, must jump).
 */
public final class MutableClock extends Clock {
    private final boolean followsSystem;
    private volatile Instant start;
    private volatile Duration offset = Duration.ZERO;

    public MutableClock(Instant start) {
        this(start, false);
    }

    private MutableClock(Instant start, boolean followsSystem) {
        this.start = start;
        this.followsSystem = followsSystem;
    }

    public static MutableClock followingSystemTime() {
        return new MutableClock(null, true);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Jumps to {@code instant} (fixed-start clocks only). */
    public void set(Instant instant) {
        if (followsSystem) {
            throw new IllegalStateException("a clock following system time can only advance");
        }
        start = instant;
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view in another zone that still follows this clock's instant. */
    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return (followsSystem ? Instant.now() : start).plus(offset);
    }
}
