package com.epicorups.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How the order poll runs, whatever its source: the name of its change checkpoint (the sweep's and the lease's
 * items are named after it), the page budget of one invocation, how often the reconciliation sweep runs (null:
 * never) and how long the one-cycle-at-a-time lease lasts between renewals.
 */
public record PollSettings(String checkpointName, int maxPagesPerCycle, Duration sweepEvery, Duration cycleLease) {

    public PollSettings {
        Objects.requireNonNull(checkpointName, "checkpointName");
        Objects.requireNonNull(cycleLease, "cycleLease");
        if (maxPagesPerCycle < 1) {
            throw new IllegalArgumentException("maxPagesPerCycle must be at least 1, was " + maxPagesPerCycle);
        }
        if (cycleLease.isNegative() || cycleLease.isZero()) {
            throw new IllegalArgumentException("cycleLease must be positive, was " + cycleLease);
        }
    }
}
