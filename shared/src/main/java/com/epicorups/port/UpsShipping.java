package com.epicorups.port;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import java.util.List;
import java.util.Optional;

/** UPS Shipping: create, find by reference (Label Recovery), void. */
public interface UpsShipping {
    /**
     * Creates one shipment for the releases (usually a single release, or several releases of one order when grouping
     * is configured), each as one package or, when heavier than a package may be, several; the answer says how many
     * packages each release has. The ship-to is the validated address.
     */
    CreatedShipment create(List<ShippableRelease> releases);

    /**
     * Looks for a shipment UPS already made for this release (by its reference number), for the
     * reconcile step after an expired claim. Empty when UPS has none.
     */
    Optional<CreatedShipment> findByReference(ShippableRelease release);

    void voidShipment(String shipmentId);

    /**
     * Whether these releases (already found to be one order, warehouse, ship-via and ship-to) may share one
     * shipment: grouping is enabled and Label Recovery will find the shipment by each release's own
     * reference, so that a group whose create timed out is reconciled release by release and never shipped
     * twice. The default never groups.
     */
    default boolean canGroup(List<ShippableRelease> releases) {
        return false;
    }
}
