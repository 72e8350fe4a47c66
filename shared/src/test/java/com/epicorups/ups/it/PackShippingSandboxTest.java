package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.ship.PackPackages;
import com.epicorups.ups.ship.PackShipment;
import com.epicorups.ups.ship.PackagePlanner;
import com.epicorups.ups.ship.UpsShippingClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pack mode against the UPS sandbox (every request validated against UPS's Shipping spec): one shipment per pack,
 * a package per carton with its size, the pack and its orders as references; a voided label is voided once.
 */
class PackShippingSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private final PackPackages packages = new PackPackages(new PackagePlanner(), WeightUnit.LBS);

    @Test
    void aPackOfThreeCartonsIsOneShipmentOfThreePackages() {
        int order = Releases.nextOrder();
        ReadyPack pack = pack(1005, "61", List.of(
                carton(1, "20.5", "18", "12", "10"), carton(2, "22", "12", "18.2", "10"), carton(3, "18.5", null, null, null)));
        List<PackPackages.PackPackage> planned = packages.plan(pack);
        List<ShippableRelease> lines = List.of(Releases.release(order, 1, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "20"),
                Releases.release(order, 2, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "40"));
        UpsShippingClient shipping = ups.clients().shipping();

        CreatedShipment created = shipping.createPack(new PackShipment(pack.key(), lines, planned));

        assertThat(created.trackingNumbers()).hasSize(3).doesNotHaveDuplicates();
        assertThat(created.packagesPerRelease()).containsExactly(3);
        JsonNode shipment = body(created).path("ShipmentRequest").path("Shipment");
        JsonNode first = shipment.path("Package").get(0);
        assertThat(first.path("PackageWeight").path("Weight").asText()).isEqualTo("20.5");
        assertThat(first.path("Dimensions").path("Length").asText()).isEqualTo("18");
        assertThat(shipment.path("Package").get(1).path("Dimensions").path("Length").asText())
                .as("the longest side is the length, rounded up to whole inches").isEqualTo("19");
        assertThat(shipment.path("Package").get(2).has("Dimensions")).isFalse();
        assertThat(first.path("ReferenceNumber").findValuesAsText("Value"))
                .as("the pack, its orders, and the package's carton").containsExactly("PACK 1005", "SO " + order,
                        "CASE 1");
        for (int i = 0; i < 3; i++) {
            assertThat(ups.clients().tracking().packageReferences(created.trackingNumbers().get(i)))
                    .as("UPS's tracking names package %d's carton", i + 1).contains("CASE " + (i + 1));
        }
        assertThat(ups.sandbox().validationFailures()).isEmpty();
        assertThat(body(created).path("ShipmentRequest").path("Request").path("TransactionReference")
                .path("CustomerContext").asText()).isEqualTo("EPIC06#PACK#1005");
        assertThat(created.charges()).containsKey("TotalCharges");

        shipping.voidShipment(created.shipmentId());
        assertThat(ups.sandbox().shipments().list()).filteredOn(s -> s.shipmentId().equals(created.shipmentId()))
                .singleElement().satisfies(s -> assertThat(s.voided()).isTrue());
    }

    @Test
    void aHeavyPackWithoutCartonsIsSplitWithinUpsLimits() {
        ReadyPack pack = pack(1011, "320", List.of());
        List<PackPackages.PackPackage> planned = packages.plan(pack);
        ShippableRelease line = Releases.release(Releases.nextOrder(), 1, "CHI", "UPS GROUND", Releases.NEW_YORK, "320");

        CreatedShipment created = ups.clients().shipping().createPack(new PackShipment(pack.key(), List.of(line), planned));

        assertThat(created.trackingNumbers()).hasSize(3);
        assertThat(body(created).path("ShipmentRequest").path("Shipment").path("Package").findValuesAsText("Weight"))
                .containsExactly("106.7", "106.7", "106.6");
    }

    @Test
    void anInternationalPackCarriesTheInvoiceOfItsLines() {
        ReadyPack pack = pack(1007, "34", List.of(carton(1, "12", "14", "10", "8"), carton(2, "22", "20", "14", "12")));
        int order = Releases.nextOrder();
        // UPS Saver: Standard (11) is not offered from the US to Germany (issue 20).
        List<ShippableRelease> lines = List.of(Releases.release(order, 1, "CHI", "UPS SAVER", Releases.BERLIN, "10"),
                Releases.release(order, 2, "CHI", "UPS SAVER", Releases.BERLIN, "24"));

        CreatedShipment created = ups.clients().shipping().createPack(new PackShipment(pack.key(), lines,
                packages.plan(pack)));

        assertThat(created.trackingNumbers()).hasSize(2);
        JsonNode products = body(created).path("ShipmentRequest").path("Shipment").path("ShipmentServiceOptions")
                .path("InternationalForms").path("Product");
        assertThat(products.size()).isEqualTo(2);
        assertThat(body(created).path("ShipmentRequest").path("Shipment").path("ReferenceNumber")
                .findValuesAsText("Value")).contains("PACK 1007");
    }

    private static JsonNode body(CreatedShipment created) {
        try {
            return com.epicorups.core.Json.mapper().readTree(created.requestBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ReadyPack.Carton carton(int caseNum, String weight, String l, String w, String h) {
        return new ReadyPack.Carton(caseNum, "Sales", new BigDecimal(weight), "LB", l == null ? null : new BigDecimal(l),
                w == null ? null : new BigDecimal(w), h == null ? null : new BigDecimal(h), l == null ? null : "IN",
                BigDecimal.ZERO);
    }

    private static ReadyPack pack(int packNum, String weight, List<ReadyPack.Carton> cartons) {
        return new ReadyPack(new PackKey("EPIC06", packNum), 1, "UPSG", "MfgSys", 101, 101, "", false, 0,
                new BigDecimal(weight), "LB", BigDecimal.ZERO, "USD", List.of(), cartons);
    }
}
