package com.epicorups.store;

/** The life of one release in the shipment ledger. */
public enum LedgerState {
    /** A creator holds the claim (until its lease ends) and may be calling UPS. */
    CLAIMED,
    /** UPS created the shipment; the tracking update is on its way to Epicor. */
    SHIPPED,
    /** Epicor has the tracking number. */
    WRITTEN,
    /** A permanent failure; the claim is released so that a replay after the fix can ship it. */
    NEEDS_ATTENTION
}
