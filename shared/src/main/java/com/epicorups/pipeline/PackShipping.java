package com.epicorups.pipeline;

import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.ship.PackPackages;
import com.epicorups.ups.ship.PackShipment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the pack creator ({@link PackCreation}) asks of Epicor and UPS (pack mode). */
public interface PackShipping {
    /** The pack as Epicor has it now, if it is still ready for a label (the re-read before buying one). */
    Optional<ReadyPack> reread(PackKey key);

    /**
     * The pack's UPS shipment: its lines (shipping to the pack's own ship-to) and its packages; a permanent
     * {@link com.epicorups.core.ConnectorException} naming the pack, line or carton when it cannot ship, or when UPS
     * would refuse it without a call (a ShipVia with no service on the lane), before any UPS call.
     */
    PackShipment shipment(ReadyPack pack);

    /** The packages of the pack as {@link #shipment} plans them, without reading its lines. */
    List<PackPackages.PackPackage> packages(ReadyPack pack);

    /** Buys the label: one UPS shipment for the pack. */
    CreatedShipment create(PackShipment shipment);

    /**
     * A shipment UPS already holds for the pack's reference (Label Recovery, with the account of the pack's
     * warehouse), after a claim lapsed.
     */
    Optional<CreatedShipment> findAtUps(PackKey key, String warehouseCode);

    /**
     * The carton (CaseNum) each package names in its references at UPS (Tracking API, {@code CASE n}), by tracking
     * number; a package that names none is absent (a lane without package references, or UPS without information).
     */
    default Map<String, Integer> caseNumbersAtUps(List<String> trackingNumbers) {
        return Map.of();
    }

    /** Writes the label's results into the pack; returns what was written, by column. */
    Map<String, Object> writeBack(PackKey key, PackWriteBack writeBack);

    /** UPS Void of the shipment, with the token of the pack's warehouse's account. */
    void voidShipment(String shipmentId, String warehouseCode);
}
