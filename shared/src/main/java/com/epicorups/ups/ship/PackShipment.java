package com.epicorups.ups.ship;

import com.epicorups.model.PackKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import java.util.List;
import java.util.Objects;

/**
 * One pack as one UPS shipment (pack mode): its lines as releases (each with the pack's ship-to, service and
 * warehouse; their values and customs data feed the declared value and the invoice) and its packages
 * ({@link PackPackages}: a package per carton).
 */
public record PackShipment(PackKey key, List<ShippableRelease> lines, List<PackPackages.PackPackage> packages,
                           WeightUnit unit) {
    /**
     * @param unit the unit {@link PackPackages} converted the packages' weights to: the request says that unit, not
     *             the first line's (a line whose part has no weight has none)
     */
    public PackShipment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        lines = List.copyOf(lines);
        packages = List.copyOf(packages);
        if (lines.isEmpty() || packages.isEmpty()) {
            throw new IllegalArgumentException("pack " + key.packNum() + " needs at least one line and one package");
        }
    }

    /** Packages planned in the first line's unit (LBS when it has none). */
    public PackShipment(PackKey key, List<ShippableRelease> lines, List<PackPackages.PackPackage> packages) {
        this(key, lines, packages, lines.isEmpty() || lines.get(0).weightUnit() == null ? WeightUnit.LBS
                : lines.get(0).weightUnit());
    }

    /** The warehouse the pack ships from: its first line's. */
    public String warehouse() {
        return lines.get(0).warehouse();
    }

    /** The references UPS gets: the pack number and the orders of its lines ("PACK 1005", "SO 5025 5026"). */
    /** A package's carton as a package reference ({@code CASE n}, the carton's CaseNum). */
    public static String caseReference(int caseNum) {
        return "CASE " + caseNum;
    }

    /** The CaseNum a package reference names, or null when it names none. */
    public static Integer caseNumOf(String reference) {
        if (reference == null || !reference.trim().matches("CASE [0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(reference.trim().substring(5));
    }

    public List<String> references(int max) {
        StringBuilder orders = new StringBuilder("SO");
        lines.stream().map(l -> l.key().orderNum()).distinct().forEach(n -> {
            if (orders.length() + 1 + String.valueOf(n).length() <= max) {
                orders.append(' ').append(n);
            }
        });
        return List.of(key.reference(), orders.toString());
    }
}
