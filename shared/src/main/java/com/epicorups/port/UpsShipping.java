package com.epicorups.port;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import java.util.List;
import java.util.Optional;

/** UPS Shipping: create, find by reference (Label Recovery), void. */
public interface UpsShipping {
    /**
     * Creates one shipment for the releases (one package each; usually a single release, or several
     * releases of one order when grouping is configured). The ship-to is the validated address.
     */
    CreatedShipment create(List<ShippableRelease> releases);

    /**
     * Looks for a shipment UPS already made for this release (by its reference number), for the
     * reconcile step after an expired claim. Empty when UPS has none.
     */
    Optional<CreatedShipment> findByReference(ShippableRelease release);

    void voidShipment(String shipmentId);
}
