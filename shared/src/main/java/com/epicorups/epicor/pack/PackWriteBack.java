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
 * @param markShipped     also set ShipHead.ReadyToInvoice (Epicor's "shipped"), when the shop wants the connector to
 * @param customerFreight the customer's freight charge to add to the pack as a misc charge (ShipMisc), null for none
 *                        (epicor.packs.customerFreight off); nothing is charged without a known freight
 */
public record PackWriteBack(String trackingNumber, String shipmentId, BigDecimal freight, List<CartonTracking> cartons,
                            boolean markShipped, FreightCharge customerFreight) {
    public PackWriteBack {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        cartons = List.copyOf(cartons);
    }

    /** Without a customer freight charge. */
    public PackWriteBack(String trackingNumber, String shipmentId, BigDecimal freight, List<CartonTracking> cartons,
                         boolean markShipped) {
        this(trackingNumber, shipmentId, freight, cartons, markShipped, null);
    }

    /** This write-back with {@code charge} as the customer's freight charge (null: none). */
    public PackWriteBack withCustomerFreight(FreightCharge charge) {
        return new PackWriteBack(trackingNumber, shipmentId, freight, cartons, markShipped, charge);
    }

    /** The amount to charge the customer: null when no charge is configured or UPS's freight is unknown. */
    public BigDecimal customerCharge() {
        return customerFreight == null || freight == null ? null : customerFreight.amount(freight);
    }

    /**
     * One package's carton: CaseNum, its tracking number, and for a carton to create its weight and unit
     * (CartonTrkDtl.PkgWeight, ManifestWtUOM).
     */
    public record CartonTracking(int caseNum, String trackingNumber, BigDecimal weight, String weightUom) {
    }
}
