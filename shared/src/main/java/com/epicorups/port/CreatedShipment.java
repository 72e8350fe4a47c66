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
 * @param customsForms the international forms image UPS returned (its "tracking number" the first package's
 *                     followed by INVOICE, the name it is stored under beside the labels); null when none
 * @param packagesPerRelease how many of {@code packages} belong to each release given to create, in that order (UPS
 *                     lists the packages in the order they were sent); empty when not known (a recovered shipment)
 */
public record CreatedShipment(
        String shipmentId,
        List<PackageLabel> packages,
        Map<String, String> charges,
        String requestBody,
        List<String> auditNotes,
        List<Integer> packagesPerRelease,
        PackageLabel customsForms) {

    public CreatedShipment {
        packages = List.copyOf(packages);
        charges = charges == null ? Map.of() : Map.copyOf(charges);
        auditNotes = auditNotes == null ? List.of() : List.copyOf(auditNotes);
        packagesPerRelease = packagesPerRelease == null ? List.of() : List.copyOf(packagesPerRelease);
    }

    /** A shipment without international forms. */
    public CreatedShipment(String shipmentId, List<PackageLabel> packages, Map<String, String> charges,
                           String requestBody, List<String> auditNotes, List<Integer> packagesPerRelease) {
        this(shipmentId, packages, charges, requestBody, auditNotes, packagesPerRelease, null);
    }

    /** A shipment whose packages are not known release by release (recovered, or made for one release). */
    public CreatedShipment(String shipmentId, List<PackageLabel> packages, Map<String, String> charges,
                           String requestBody, List<String> auditNotes) {
        this(shipmentId, packages, charges, requestBody, auditNotes, List.of());
    }

    /** Charges keys of the service Best Way chose (its code) and its rated charge ("68.40 USD"); absent otherwise. */
    public static final String CHOSEN_SERVICE = "BestWayService";
    public static final String CHOSEN_CHARGE = "BestWayCharge";

    public List<String> trackingNumbers() {
        return packages.stream().map(PackageLabel::trackingNumber).toList();
    }
}
