package com.epicorups.store;

/** What {@link ShipmentLedger#claim} found. */
public record ClaimResult(Status status, ShipmentRecord record) {
    public enum Status {
        /** First claim, or a claim after NEEDS_ATTENTION (a replay): ship it. */
        CLAIMED,
        /**
         * The previous claim's lease expired without an outcome: UPS may have created the shipment.
         * Reconcile by reference at UPS before creating anything.
         */
        RECLAIMED_AFTER_EXPIRY,
        /** Already shipped: acknowledge without calling UPS. */
        ALREADY_SHIPPED,
        /** Another creator holds a live lease: retry later. */
        IN_PROGRESS
    }

    /**
     * A claim the same owner already holds: the first try landed but its answer was lost, and the claim was
     * asked again. Whether that first try took over an unfinished claim is no longer known, so a claim that
     * is not the release's first is reconciled at UPS before anything is created.
     */
    public static ClaimResult repeatedByOwner(ShipmentRecord held) {
        return new ClaimResult(held.attempt() > 1 ? Status.RECLAIMED_AFTER_EXPIRY : Status.CLAIMED, held);
    }
}
