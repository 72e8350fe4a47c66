package com.epicorups.ups.it;

import com.epicorups.model.Address;
import com.epicorups.model.PartCustoms;
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
    static final Address LONDON = new Address("Harrods Ltd", "Goods In", List.of("87-135 Brompton Rd"), "London", null,
            "SW1X 7XL", "GB", "+44 20 7730 1234", null, null);
    static final Address MONTERREY = new Address("Industrias del Norte SA", "Almacen", List.of("Av Constitucion 405"),
            "Monterrey", "NL", "64000", "MX", "+52 81 5555 0100", null, null);
    static final Address SAN_JUAN = new Address("Caribe Distribuidores", null, List.of("1250 Ave Ponce de Leon"),
            "San Juan", "PR", "00907", "PR", "787-555-0111", null, null);

    private Releases() {
    }

    static int nextOrder() {
        return ORDER.incrementAndGet();
    }

    /** What Epicor's Part master says of the widgets for customs: HTS 8481.80.1030, made in the US (issue 16). */
    static final PartCustoms WIDGET_CUSTOMS = new PartCustoms("8481801030", "US", 1, null, null);

    static ShippableRelease release(int order, int line, String warehouse, String shipVia, Address to, String weight) {
        return new ShippableRelease(new ReleaseKey("EPIC06", order, line, 1), 1L, "CUST01", "PO-" + order,
                "WIDGET-" + line, "Stainless widget assembly " + line, new BigDecimal("4"), "EA", new BigDecimal(weight),
                WeightUnit.LBS, new BigDecimal("249.90"), "USD", warehouse, "MfgSys", shipVia, to)
                .withCustoms(WIDGET_CUSTOMS);
    }

    static ShippableRelease release(String warehouse, String shipVia, Address to) {
        return release(nextOrder(), 1, warehouse, shipVia, to, "12.5");
    }
}
