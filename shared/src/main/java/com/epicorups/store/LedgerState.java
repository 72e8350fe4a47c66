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
    NEEDS_ATTENTION,
    /**
     * Pack mode: the pack was voided in Epicor after its label was bought, and one attempt (the owner, until its
     * lease ends) is voiding the UPS shipment. Never claimed for shipping again.
     */
    VOIDING,
    /** Pack mode: UPS voided the shipment of a pack voided in Epicor. Never claimed for shipping again. */
    VOIDED
}
