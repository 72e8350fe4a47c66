package com.epicorups.pipeline;

import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.ship.PackPackages;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a pack's UPS shipment gives back to the pack (pack mode): tracking per carton, shipment id, freight. */
final class PackResults {
    private PackResults() {
    }

    /**
     * The write-back of {@code created} for the packages it was asked for, in order: the n-th tracking number is
     * the n-th package's carton. The pack's tracking number is the first package's (UPS's lead package).
     */
    static PackWriteBack writeBack(CreatedShipment created, List<PackPackages.PackPackage> packages, WeightUnit unit,
                                   boolean markShipped) {
        List<String> numbers = created.trackingNumbers();
        if (numbers.size() != packages.size()) {
            throw new IllegalStateException("UPS returned " + numbers.size() + " tracking numbers for "
                    + packages.size() + " packages of shipment " + created.shipmentId());
        }
        List<PackWriteBack.CartonTracking> cartons = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            PackPackages.PackPackage p = packages.get(i);
            cartons.add(new PackWriteBack.CartonTracking(p.caseNum(), numbers.get(i),
                    p.fromCarton() ? null : new BigDecimal(p.weight()), p.fromCarton() ? null : epicorUom(unit)));
        }
        return new PackWriteBack(numbers.get(0), created.shipmentId(), freight(created), cartons, markShipped);
    }

    /** The charge a shipment rebuilt from the ledger carries: the freight kept from UPS's answer. */
    static final String KEPT_FREIGHT = "TotalCharges";

    /**
     * The freight UPS charged: the negotiated total when UPS gave one, else the published total; null without (a
     * shipment adopted through Label Recovery, whose answer carries no charges).
     */
    static BigDecimal freight(CreatedShipment created) {
        String charge = created.charges().getOrDefault("NegotiatedTotalCharge", created.charges().get("TotalCharges"));
        if (charge == null || charge.isBlank()) {
            return null;
        }
        return new BigDecimal(charge.trim().split("\\s+")[0]);
    }

    /**
     * Why a pack got no customer freight charge although one is configured: UPS's freight is unknown (a shipment
     * adopted through Label Recovery, whose answer carries no charges) or zero (Epicor refuses a zero misc charge).
     */
    static Optional<String> customerFreightNote(PackWriteBack wb) {
        if (wb.customerFreight() == null) {
            return Optional.empty();
        }
        String code = wb.customerFreight().miscCode();
        if (wb.freight() == null) {
            return Optional.of("no " + code + " charge: UPS's freight for this shipment is unknown (adopted through"
                    + " Label Recovery, whose answer carries no charges); add the charge in Customer Shipment Entry");
        }
        if (wb.customerCharge().signum() == 0) {
            return Optional.of("no " + code + " charge: UPS's freight is 0 (Epicor refuses a zero misc charge)");
        }
        return Optional.of(code + " " + wb.customerCharge().toPlainString() + " (UPS freight "
                + wb.freight().toPlainString() + ")");
    }

    private static String epicorUom(WeightUnit unit) {
        return unit == WeightUnit.KGS ? "KG" : "LB";
    }
}
