package com.epicorups.epicor.pack;

import java.util.Objects;

/**
 * What the pack poll reads: the shop's ready criteria (an OData filter over ShipHead columns) and the page size.
 * The poll always adds what makes a pack labelable at all: not voided, not shipped ({@code ReadyToInvoice}), no
 * tracking number yet ({@link #eligibilityFilter()}).
 *
 * @param readyFilter what marks a pack ready in the shop; default {@link #DEFAULT_READY_FILTER}
 */
public record PackSettings(String readyFilter, int pageSize) {

    /**
     * A pack the packer has freighted: in Customer Shipment Entry "Freight" hands a pack to the manifest interface
     * (ShipStatus Freighted; "UnFreight" takes it back), which is when Epicor Manifest lists it as ready to ship
     * (docs/decisions/0030-pack-mode.md).
     */
    public static final String DEFAULT_READY_FILTER = "ShipStatus eq 'FREIGHTED'";

    /** What every pack the poll takes must be, whatever the shop's ready criteria. */
    static final String LABELABLE = "Voided eq false and ReadyToInvoice eq false and TrackingNumber eq ''";

    public PackSettings {
        readyFilter = readyFilter == null || readyFilter.isBlank() ? DEFAULT_READY_FILTER : readyFilter.trim();
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pack page size must be between 1 and 1000, was " + pageSize);
        }
    }

    public static PackSettings defaults() {
        return new PackSettings(null, 100);
    }

    /** The whole filter a pack must pass: labelable and ready. */
    public String eligibilityFilter() {
        return LABELABLE + " and (" + Objects.requireNonNull(readyFilter) + ")";
    }
}
