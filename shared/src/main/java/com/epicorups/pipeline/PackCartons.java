package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.ups.ship.PackPackages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shipment adopted through Label Recovery after a lost answer lists its packages in Label Recovery's order, which
 * UPS does not promise to be the request's. Each package carries its carton as a package reference ({@code CASE n},
 * US/US and PR/PR lanes, where UPS takes package references); UPS's tracking of each package gives it back, and the
 * packages are put in the planned cartons' order, so the n-th tracking number is written to the n-th carton.
 */
final class PackCartons {
    private PackCartons() {
    }

    /**
     * {@code adopted} with its packages in the order of {@code planned} cartons when UPS names every package's
     * carton; as it is (audited) when it cannot (a lane without package references, or a package UPS has no
     * information for yet): then the pack's own tracking number and the shipment's are right, the cartons' may be
     * swapped.
     */
    static CreatedShipment inCartonOrder(CreatedShipment adopted, List<PackPackages.PackPackage> planned,
                                         PackShipping packs, Auditor audit, PackCreation.PackAttempt a) {
        if (planned.size() <= 1 || adopted.packages().size() != planned.size()) {
            return adopted;
        }
        Map<String, Integer> cases = packs.caseNumbersAtUps(adopted.trackingNumbers());
        List<PackageLabel> ordered = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (PackPackages.PackPackage p : planned) {
            PackageLabel match = adopted.packages().stream()
                    .filter(l -> !used.contains(l.trackingNumber())
                            && Integer.valueOf(p.caseNum()).equals(cases.get(l.trackingNumber())))
                    .findFirst().orElse(null);
            if (match == null) {
                audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SKIPPED,
                        Reason.CARTON_ORDER_UNCONFIRMED,
                        "UPS names no package of carton " + p.caseNum() + " (package references " + cases
                                + "): the cartons get the tracking numbers in Label Recovery's order, not confirmed",
                        a.started(), Map.of("trackingNumbers", String.join(",", adopted.trackingNumbers())));
                return adopted;
            }
            used.add(match.trackingNumber());
            ordered.add(match);
        }
        audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SUCCESS, null,
                "each package matched to its carton by its CASE reference at UPS", a.started(),
                Map.of("cases", cases.toString()));
        return new CreatedShipment(adopted.shipmentId(), ordered, adopted.charges(), adopted.requestBody(),
                adopted.auditNotes(), adopted.packagesPerRelease(), adopted.customsForms());
    }
}
