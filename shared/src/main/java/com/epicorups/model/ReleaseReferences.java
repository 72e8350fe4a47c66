package com.epicorups.model;

/**
 * The Epicor rows besides its own that a release's mapping read when it was polled: its part ({@code Part.PartNum})
 * and its ship-to row ({@code ShipTo.CustNum} and {@code ShipTo.ShipToNum}, blank for the customer's own address;
 * both null for a one-time address, which lives on the release or the header). The shipment creator reads them
 * while it re-reads the release instead of after it; one that changed since the poll is read after, so a stale
 * reference costs a call, never a wrong answer.
 */
public record ReleaseReferences(String partNum, Integer shipToCustNum, String shipToNum) {
    public boolean hasShipToRow() {
        return shipToCustNum != null && shipToNum != null;
    }
}
