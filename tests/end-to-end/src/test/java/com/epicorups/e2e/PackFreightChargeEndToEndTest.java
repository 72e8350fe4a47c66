package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.model.PackKey;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.LedgerState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 3's last option: with {@code epicor.packs.customerFreight} (FRT, 10 %) every shipped pack carries
 * one FRT misc charge (ShipMisc) of UPS's freight x 1.10, the freight written to MFFreightAmt; a write-back replayed
 * after it failed half-way adds no second charge.
 */
class PackFreightChargeEndToEndTest {
    static final UnaryOperator<String> CHARGED = s -> PackModeEndToEndTest.PACKS.apply(s).replace(
            "{\"epicor\":{\"source\":\"PACKS\",",
            "{\"epicor\":{\"source\":\"PACKS\",\"packs\":{\"customerFreight\":{\"miscCode\":\"FRT\",\"markupPercent\":10}},");
    private static final List<Integer> UPS_PACKS = List.of(1004, 1005, 1006, 1007, 1008, 1011);

    @Test
    void everyShippedPackCarriesOneFreightChargeOfUpsFreightMarkedUp() {
        try (ConnectorWorld world = new ConnectorWorld(CHARGED)) {
            assertThat(world.poll()).containsEntry("enqueued", UPS_PACKS.size());
            world.drainShipmentRequests();

            assertThat(world.peek(world.resources.shipmentRequestsDlqUrl())).isEmpty();
            for (int packNum : UPS_PACKS) {
                BigDecimal freight = new BigDecimal(String.valueOf(PackModeEndToEndTest.pack(world, packNum)
                        .get("MFFreightAmt")));
                assertThat(freight).as("UPS's freight of pack %d", packNum).isPositive();
                BigDecimal expected = freight.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP);
                assertThat(miscs(world, packNum)).as("pack %d", packNum).singleElement().satisfies(m -> {
                    assertThat(m.get("MiscCode")).isEqualTo("FRT");
                    assertThat(new BigDecimal(String.valueOf(m.get("MiscAmt")))).isEqualByComparingTo(expected);
                });
                assertThat(writeAudit(world, packNum)).as("the charge audited with its amount")
                        .anySatisfy(d -> assertThat(d).containsEntry("ShipMisc FRT.MiscAmt", expected.toPlainString()));
            }
            assertThat(world.epicor.dataset().get("ShipMiscs")).hasSize(UPS_PACKS.size());
            assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(UPS_PACKS.size());
        }
    }

    @Test
    void aWriteBackReplayedAfterItFailedHalfWayAddsNoSecondCharge() {
        try (ConnectorWorld world = new ConnectorWorld(CHARGED)) {
            for (int other : List.of(1005, 1006, 1007, 1008, 1011)) {
                world.epicor.dataset().update("CustShips", Map.of("Company", ConnectorWorld.COMPANY, "PackNum", other),
                        Map.of("ShipStatus", "OPEN"));
            }
            // Pack 1004's write-back stores its carton and its FRT charge, then Epicor fails the pack's own PATCH
            // (every attempt of it): the message comes back and the write-back is replayed from the ledger.
            world.epicor.faults().serverErrorOn("PATCH", "CustShips('EPIC06',1004)", 2);
            assertThat(world.poll()).containsEntry("enqueued", 1);
            world.drainShipmentRequests();

            PackKey key = new PackKey(ConnectorWorld.COMPANY, 1004);
            assertThat(PackModeEndToEndTest.ledger(world).get(key).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
            assertThat(world.audit()).filteredOn(i -> key.asString().equals(Fixtures.s(i, "pk"))
                    && "EPICOR_WRITE".equals(Fixtures.s(i, "operation")) && "RETRYING".equals(Fixtures.s(i, "outcome")))
                    .as("the first write-back failed half-way").isNotEmpty();
            assertThat(world.audit()).filteredOn(i -> key.asString().equals(Fixtures.s(i, "pk"))
                    && "SHIPMENT_CREATE".equals(Fixtures.s(i, "operation"))
                    && "ALREADY_SHIPPED".equals(Fixtures.s(i, "reasonCode")))
                    .as("the redelivery replayed the write-back without UPS").isNotEmpty();
            assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(1);
            BigDecimal freight = new BigDecimal(String.valueOf(PackModeEndToEndTest.pack(world, 1004)
                    .get("MFFreightAmt")));
            assertThat(miscs(world, 1004)).as("one FRT charge, not one per write-back").singleElement()
                    .satisfies(m -> assertThat(new BigDecimal(String.valueOf(m.get("MiscAmt"))))
                            .isEqualByComparingTo(freight.multiply(new BigDecimal("1.10"))
                                    .setScale(2, RoundingMode.HALF_UP)));
            assertThat(world.epicor.writes().to("ShipMiscs")).as("added once, never again").hasSize(1);
        }
    }

    private static List<Map<String, Object>> miscs(ConnectorWorld world, int packNum) {
        return world.epicor.dataset().get("ShipMiscs").stream()
                .filter(m -> ((Number) m.get("PackNum")).intValue() == packNum).toList();
    }

    /** The details of the pack's EPICOR_WRITE audit entries. */
    private static List<Map<String, String>> writeAudit(ConnectorWorld world, int packNum) {
        String subject = new PackKey(ConnectorWorld.COMPANY, packNum).asString();
        return world.audit().stream().filter(i -> subject.equals(Fixtures.s(i, "pk"))
                        && "EPICOR_WRITE".equals(Fixtures.s(i, "operation")) && i.get("details") != null
                        && i.get("details").hasM())
                .map(i -> {
                    Map<String, String> d = new java.util.HashMap<>();
                    i.get("details").m().forEach((k, v) -> d.put(k, v.s()));
                    return d;
                }).toList();
    }
}
