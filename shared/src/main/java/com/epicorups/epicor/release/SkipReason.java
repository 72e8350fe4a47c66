package com.epicorups.epicor.release;

/**
 * Why a release is not shipped (audit reason codes). Each is decided from a real Epicor column. Most are skips (the
 * release is not ours to ship); {@link #NO_PART}, {@link #NO_WEIGHT}, {@link #SHIP_TO_INACTIVE} and
 * {@link #NO_SHIP_TO_ADDRESS} are bad data that needs a fix: such a release is enqueued all the same and the
 * creator's re-read fails it into the DLQ with the reason, so a redrive after the fix ships it.
 */
public final class SkipReason {
    private SkipReason() {
    }

    /** OrderHed.VoidOrder. */
    public static final String ORDER_VOID = "ORDER_VOID";
    /** OrderHed.OpenOrder false. */
    public static final String ORDER_CLOSED = "ORDER_CLOSED";
    /** OrderDtl.VoidLine. */
    public static final String LINE_VOID = "LINE_VOID";
    /** OrderDtl.OpenLine false. */
    public static final String LINE_CLOSED = "LINE_CLOSED";
    /** OrderRel.VoidRelease. */
    public static final String RELEASE_VOID = "RELEASE_VOID";
    /** OrderRel.OpenRelease false. */
    public static final String RELEASE_CLOSED = "RELEASE_CLOSED";
    /** No longer matches the eligibility filter (e.g. ReadyToFulfill cleared). */
    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";
    /** The release, its line or its order no longer exists. */
    public static final String RELEASE_GONE = "RELEASE_GONE";
    /** OrderRel.DropShip: the supplier ships it. */
    public static final String DROP_SHIP = "DROP_SHIP";
    /** OrderDtl.LineType CONTRACT (service contract) or Part.IsServices. */
    public static final String SERVICE_ITEM = "SERVICE_ITEM";
    /** OrderRel.OurReqQty is zero or negative. */
    public static final String ZERO_QUANTITY = "ZERO_QUANTITY";
    /** OurStockShippedQty + OurJobShippedQty already cover OurReqQty. */
    public static final String ALREADY_SHIPPED_IN_EPICOR = "ALREADY_SHIPPED_IN_EPICOR";
    /** Needs a fix: blank PartNum, or a part number that is not in the Part master (so no weight is known). */
    public static final String NO_PART = "NO_PART";
    /** Needs a fix: part weight missing, zero, or in a UOM that is not a weight unit we know. */
    public static final String NO_WEIGHT = "NO_WEIGHT";
    /** Needs a fix: no usable address (missing ship-to/customer, or no street, city or country). */
    public static final String NO_SHIP_TO_ADDRESS = "NO_SHIP_TO_ADDRESS";
    /** The effective ShipViaCode (OrderRel, else OrderHed) is not one of the configured UPS ship vias. */
    public static final String NOT_UPS_SHIP_VIA = "NOT_UPS_SHIP_VIA";
    /** Needs a fix: ShipTo.Inactive (reactivate the ship-to, or point the release at another one). */
    public static final String SHIP_TO_INACTIVE = "SHIP_TO_INACTIVE";
}
