package com.epicorups.port;

import java.util.List;
import java.util.Map;

/**
 * A shipment UPS created (or that Label Recovery found).
 *
 * @param requestBody  the ShipmentRequest JSON exactly as sent (for the audit and the local-run report);
 *                     null when the shipment was recovered rather than created
 * @param charges      e.g. {"TotalCharges":"12.34 USD"}
 * @param auditNotes   field adjustments made to fit UPS limits (split lines, truncations), one per change
 */
public record CreatedShipment(
        String shipmentId,
        List<PackageLabel> packages,
        Map<String, String> charges,
        String requestBody,
        List<String> auditNotes) {

    public CreatedShipment {
        packages = List.copyOf(packages);
        charges = charges == null ? Map.of() : Map.copyOf(charges);
        auditNotes = auditNotes == null ? List.of() : List.copyOf(auditNotes);
    }

    public List<String> trackingNumbers() {
        return packages.stream().map(PackageLabel::trackingNumber).toList();
    }
}
