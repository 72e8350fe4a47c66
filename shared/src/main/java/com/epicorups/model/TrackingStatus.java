package com.epicorups.model;

/**
 * The one normalised status model every UPS source (shipment creation, Tracking API, Quantum View,
 * Track Alert) is mapped to. The rank orders statuses along a package's life so that a late or
 * duplicate event never moves a release backwards.
 */
public enum TrackingStatus {
    LABEL_CREATED(10, false),
    PICKED_UP(20, false),
    IN_TRANSIT(30, false),
    EXCEPTION(30, false),
    OUT_FOR_DELIVERY(40, false),
    DELIVERED(90, true),
    RETURNED(90, true),
    VOIDED(100, true);

    private final int rank;
    private final boolean terminal;

    TrackingStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    public int rank() {
        return rank;
    }

    /** No further updates are expected, and Track Alert subscriptions are no longer renewed. */
    public boolean terminal() {
        return terminal;
    }

    /**
     * Whether an event with this status may replace {@code current}: a higher rank always may; an equal
     * rank may (IN_TRANSIT and EXCEPTION alternate) and the caller breaks ties by event time; a lower
     * rank never may.
     */
    public boolean mayReplace(TrackingStatus current) {
        return current == null || (!current.terminal && rank >= current.rank);
    }
}
