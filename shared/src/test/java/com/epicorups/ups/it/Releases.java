package com.epicorups.ups.it;

import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Realistic Epicor releases for the integration tests; every order number is unique within a JVM. */
final class Releases {
    private static final AtomicInteger ORDER = new AtomicInteger(50_000 + (int) (System.nanoTime() % 10_000));

    static final Address NEW_YORK = new Address("Northwind Traders", "Receiving", List.of("350 5th Ave", "Suite 3300"),
            "New York", "NY", "10118-3300", "US", "(212) 555-0100", "receiving@northwind.example", null);
    static final Address LOS_ANGELES = new Address("Contoso Retail", null, List.of("1111 S Figueroa St"), "Los Angeles",
            "CA", "90015", "US", "213-555-0150", null, null);
    static final Address TORONTO = new Address("Maple Leaf Supply", "Receiving Dock", List.of("100 Queen St W"),
            "Toronto", "ON", "M5H 2N2", "CA", "+1 416 555 0199", null, null);
    static final Address BERLIN = new Address("Berliner Werkzeug GmbH", null, List.of("Friedrichstrasse 43"), "Berlin",
            null, "10117", "DE", "+49 30 5550 1234", "einkauf@werkzeug.example", null);
    static final Address SAN_JUAN = new Address("Caribe Distribuidores", null, List.of("1250 Ave Ponce de Leon"),
            "San Juan", "PR", "00907", "PR", "787-555-0111", null, null);

    private Releases() {
    }

    static int nextOrder() {
        return ORDER.incrementAndGet();
    }

    static ShippableRelease release(int order, int line, String warehouse, String shipVia, Address to, String weight) {
        return new ShippableRelease(new ReleaseKey("EPIC06", order, line, 1), 1L, "CUST01", "PO-" + order,
                "WIDGET-" + line, "Stainless widget assembly " + line, new BigDecimal("4"), "EA", new BigDecimal(weight),
                WeightUnit.LBS, new BigDecimal("249.90"), "USD", warehouse, "MfgSys", shipVia, to);
    }

    static ShippableRelease release(String warehouse, String shipVia, Address to) {
        return release(nextOrder(), 1, warehouse, shipVia, to, "12.5");
    }
}
