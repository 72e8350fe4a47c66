package com.epicorups.epicor.pack;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a pack gets back once UPS shipped it, as Epicor's manifest interface fills it: the shipment's tracking number
 * on the pack (ShipHead.TrackingNumber), the UPS shipment id (ShipHead.MFTransNum), the freight UPS charged
 * (ShipHead.MFFreightAmt: negotiated when UPS gave one) and each package's tracking number on its carton
 * (CartonTrkDtl.TrackingNumber; a carton the pack lacks is created, with the package's weight).
 *
 * @param markShipped also set ShipHead.ReadyToInvoice (Epicor's "shipped"), when the shop wants the connector to
 */
public record PackWriteBack(String trackingNumber, String shipmentId, BigDecimal freight, List<CartonTracking> cartons,
                            boolean markShipped) {
    public PackWriteBack {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        cartons = List.copyOf(cartons);
    }

    /**
     * One package's carton: CaseNum, its tracking number, and for a carton to create its weight and unit
     * (CartonTrkDtl.PkgWeight, ManifestWtUOM).
     */
    public record CartonTracking(int caseNum, String trackingNumber, BigDecimal weight, String weightUom) {
    }
}
