package com.epicorups.ups.ship;

import com.epicorups.model.PackKey;
import com.epicorups.model.ShippableRelease;
import java.util.List;
import java.util.Objects;

/**
 * One pack as one UPS shipment (pack mode): its lines as releases (each with the pack's ship-to, service and
 * warehouse; their values and customs data feed the declared value and the invoice) and its packages
 * ({@link PackPackages}: a package per carton).
 */
public record PackShipment(PackKey key, List<ShippableRelease> lines, List<PackPackages.PackPackage> packages) {
    public PackShipment {
        Objects.requireNonNull(key, "key");
        lines = List.copyOf(lines);
        packages = List.copyOf(packages);
        if (lines.isEmpty() || packages.isEmpty()) {
            throw new IllegalArgumentException("pack " + key.packNum() + " needs at least one line and one package");
        }
    }

    /** The references UPS gets: the pack number and the orders of its lines ("PACK 1005", "SO 5025 5026"). */
    List<String> references(int max) {
        StringBuilder orders = new StringBuilder("SO");
        lines.stream().map(l -> l.key().orderNum()).distinct().forEach(n -> {
            if (orders.length() + 1 + String.valueOf(n).length() <= max) {
                orders.append(' ').append(n);
            }
        });
        return List.of(key.reference(), orders.toString());
    }
}
