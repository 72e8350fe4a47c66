package com.epicorups.ups.ship;

import com.epicorups.model.WeightUnit;
import com.epicorups.ups.UpsSettings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.RoundingMode;
import java.util.List;

/** The {@code Package} nodes of a pack's shipment: one per planned package, with its carton's size and value. */
final class PackageNodes {
    private PackageNodes() {
    }

    static void addPackPackages(ArrayNode packages, PackShipment pack, List<String> references, UpsSettings settings,
                                WeightUnit unit, String currency) {
        for (PackPackages.PackPackage p : pack.packages()) {
            ObjectNode pkg = packages.addObject();
            pkg.putObject("Packaging").put("Code", settings.packagingCode());
            if (p.dimensions() != null) {
                ObjectNode d = pkg.putObject("Dimensions");
                d.putObject("UnitOfMeasurement").put("Code", p.dimensions().unit());
                d.put("Length", p.dimensions().length()).put("Width", p.dimensions().width())
                        .put("Height", p.dimensions().height());
            }
            ObjectNode weight = pkg.putObject("PackageWeight");
            weight.putObject("UnitOfMeasurement").put("Code", unit == null ? "LBS" : unit.name());
            weight.put("Weight", p.weight());
            if (!references.isEmpty()) {
                // Third of at most five (Shipment_Package.ReferenceNumber; only two print on the label): the carton,
                // so that a package adopted after a lost answer is matched to its carton by UPS's tracking.
                ArrayNode refs = pkg.putArray("ReferenceNumber");
                references.forEach(v -> refs.addObject().put("Value", v));
                refs.addObject().put("Value", PackShipment.caseReference(p.caseNum()));
            }
            if (settings.declaredValue() && p.declaredValue() != null && p.declaredValue().signum() > 0) {
                ObjectNode dv = pkg.putObject("PackageServiceOptions").putObject("DeclaredValue");
                dv.putObject("Type").put("Code", "01");
                dv.put("CurrencyCode", currency);
                dv.put("MonetaryValue", p.declaredValue().setScale(2, RoundingMode.HALF_UP).toPlainString());
            }
        }
    }
}
