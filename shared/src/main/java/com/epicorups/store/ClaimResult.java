package com.epicorups.store;

/** What {@link ShipmentLedger#claim} found. */
public record ClaimResult(Status status, ShipmentRecord record) {
    public enum Status {
        /**
         * First claim, a claim after NEEDS_ATTENTION (a replay) or after a claim given back ({@link
         * ShipmentLedger#releaseClaim}, only done while UPS cannot hold a shipment from it): ship it.
         */
        CLAIMED,
        /**
         * A previous claim's lease expired without an outcome, now or at any earlier attempt of the release: UPS may
         * have created the shipment. Reconcile by reference at UPS before creating anything.
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
