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
     * Throws the permanent failure {@link #create} would throw for these releases without calling UPS (a ShipVia with
     * no service on the lane, a Best Way limit the release cannot have, a package UPS cannot take), so that the
     * creator refuses such a release before any UPS call, Address Validation included. Returns when create would
     * go on to call UPS. The default checks nothing.
     */
    default void checkBeforeAnyCall(List<ShippableRelease> releases) {
    }

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
