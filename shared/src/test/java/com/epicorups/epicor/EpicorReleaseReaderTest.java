package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.release.MappedRelease;
import com.epicorups.epicor.release.ReleaseAssembler;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.epicorups.port.ReleaseRecheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpicorReleaseReaderTest extends EpicorTestSupport {
    private static ReleaseKey key(int order) {
        return new ReleaseKey("EPIC06", order, 1, 1);
    }

    /** {@code count} eligible one-release orders of customer 100, numbered from {@code firstOrder}. */
    private List<ReleaseKey> simpleReleases(int firstOrder, int count) {
        fake.customer(100);
        List<ReleaseKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fake.simpleRelease(firstOrder + i, 100);
            keys.add(key(firstOrder + i));
        }
        return keys;
    }

    @Test
    void aShippableReleaseIsReadFreshWithCurrentValues() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        fake.touch(fake.find("OrderRels", r -> true), r -> r.put("OurReqQty", new BigDecimal("6")));
        ReleaseRecheck r = new EpicorReleaseReader(client(settings()), settings()).recheck(key(5001));
        assertThat(r.isShippable()).isTrue();
        assertThat(r.current().quantity()).isEqualByComparingTo("6");
        assertThat(r.current().weight()).isEqualByComparingTo("15.000");
        assertThat(fake.requests.get(0).getPath())
                .startsWith("/EpicorLive/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)?$select=");
    }

    @Test
    void aDeletedReleaseIsGone() {
        ReleaseRecheck r = new EpicorReleaseReader(client(settings()), settings()).recheck(key(4242));
        assertThat(r.isShippable()).isFalse();
        assertThat(r.notShippableReason().code()).isEqualTo("RELEASE_GONE");
        assertThat(fake.requests).hasSize(1);
    }

    @Test
    void voidClosedIneligibleAndOrderLevelStatesAreNotShippable() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5001, 100), r -> r.put("VoidRelease", true));
        fake.touch(fake.simpleRelease(5002, 100), r -> r.put("OpenRelease", false));
        fake.touch(fake.simpleRelease(5003, 100), r -> r.put("ReadyToFulfill", false));
        fake.simpleRelease(5004, 100);
        fake.touch(fake.find("SalesOrders", r -> r.path("OrderNum").asInt() == 5004), r -> r.put("OpenOrder", false));
        fake.simpleRelease(5005, 100);
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-5005")), r -> r.putNull("NetWeight"));
        EpicorReleaseReader reader = new EpicorReleaseReader(client(settings()), settings());
        assertThat(reader.recheck(key(5001)).notShippableReason().code()).isEqualTo("RELEASE_VOID");
        assertThat(reader.recheck(key(5002)).notShippableReason().code()).isEqualTo("RELEASE_CLOSED");
        assertThat(reader.recheck(key(5003)).notShippableReason().code()).isEqualTo("NOT_ELIGIBLE");
        assertThat(reader.recheck(key(5004)).notShippableReason().code()).isEqualTo("ORDER_CLOSED");
        assertThat(reader.recheck(key(5005))).satisfies(r -> {
            assertThat(r.notShippableReason().code()).isEqualTo("NO_WEIGHT");
            assertThat(r.detail()).contains("NetWeight");
        });
    }

    @Test
    void aNegativeShippedQuantityNeverShipsMoreThanTheReleaseAndTheAuditIsToldWhy() {
        fake.customer(100);
        fake.touch(fake.simpleRelease(5101, 100), r -> r.put("OurStockShippedQty", -6).put("SellingStockShippedQty", -6));
        EpicorReleaseReader reader = new EpicorReleaseReader(client(settings()), settings());

        ReleaseRecheck r = reader.recheck(key(5101));

        assertThat(r.isShippable()).isTrue();
        assertThat(r.current().quantity()).isEqualByComparingTo("4");
        assertThat(r.current().weight()).isEqualByComparingTo("10.000");
        assertThat(r.current().value()).isEqualByComparingTo("40.00");
        assertThat(r.current().notes()).anyMatch(n -> n.startsWith("OrderRel.OurStockShippedQty is -6")
                && n.contains("no more than the release's own 4"));
    }

    @Test
    void aPartSoLightTheReleaseWeightRoundsToZeroStillHasAWeight() {
        fake.customer(100);
        fake.simpleRelease(5102, 100);
        fake.touch(fake.find("Parts", p -> p.path("PartNum").asText().equals("P-5102")),
                p -> p.put("NetWeight", new BigDecimal("0.0001")));
        EpicorReleaseReader reader = new EpicorReleaseReader(client(settings()), settings());

        ReleaseRecheck r = reader.recheck(key(5102));

        assertThat(r.isShippable()).as(String.valueOf(r.detail())).isTrue();
        assertThat(r.current().weight()).isEqualByComparingTo("0.001");
    }

    @Test
    void theOrdersShipToContactRidesWithTheAddress() {
        fake.customer(100);
        fake.simpleRelease(5103, 100);
        fake.touch(fake.find("SalesOrders", o -> o.path("OrderNum").asInt() == 5103),
                o -> o.put("ShipToContactName", "Grace Kim").put("ShipToContactPhoneNum", "612-555-0123"));
        fake.touch(fake.simpleRelease(5104, 100), rel -> rel.put("ShipToContactName", "Dana Ruiz"));
        fake.touch(fake.find("SalesOrders", o -> o.path("OrderNum").asInt() == 5104),
                o -> o.put("ShipToContactName", "Grace Kim"));
        EpicorReleaseReader reader = new EpicorReleaseReader(client(settings()), settings());

        var fromHeader = reader.recheck(key(5103)).current().shipTo();
        var fromRelease = reader.recheck(key(5104)).current().shipTo();

        assertThat(fromHeader.orderContactName()).isEqualTo("Grace Kim");
        assertThat(fromHeader.orderContactPhone()).isEqualTo("612-555-0123");
        assertThat(fromHeader.attention()).as("the ship-to's own contact is unchanged").isEqualTo("Receiving");
        assertThat(fromRelease.orderContactName()).isEqualTo("Dana Ruiz");
    }

    @Test
    void recheckAllWaitsForTwoReadsInSequenceNotFive() {
        List<ReleaseKey> keys = simpleReleases(7100, 5);
        // Each read waits at its step's barrier until the step's other reads have arrived: were they sent one
        // after the other, the barrier would time out and the read would be recorded as sequential.
        java.util.concurrent.CyclicBarrier first = new java.util.concurrent.CyclicBarrier(3);
        java.util.concurrent.CyclicBarrier second = new java.util.concurrent.CyclicBarrier(2);
        java.util.Set<String> sequential = java.util.concurrent.ConcurrentHashMap.newKeySet();
        fake.onRequest = req -> {
            String path = req.getPath();
            java.util.concurrent.CyclicBarrier barrier = path.contains("/OrderRels?") || path.contains("/SalesOrders?")
                    || path.contains("/OrderDtls?") ? first
                    : path.contains("/Parts?") || path.contains("/ShipToes?") ? second : null;
            if (barrier != null) {
                try {
                    barrier.await(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    sequential.add(path.substring(0, path.indexOf('?')));
                }
            }
        };
        EpicorClient c = client(settings());
        c.refreshIdentity();

        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys);

        assertThat(result.values()).hasSize(5).allMatch(ReleaseRecheck::isShippable);
        assertThat(sequential).as("reads that waited alone at their step").isEmpty();
    }

    @Test
    void withTheBaqSourceTheReReadAsksTheBaqWhetherEachReleaseIsStillReadyToShip() {
        List<ReleaseKey> keys = simpleReleases(7700, 4);
        for (ReleaseKey k : keys.subList(0, 3)) { // 7703 is no longer returned by the BAQ (e.g. ReadyToFulfill cleared)
            com.fasterxml.jackson.databind.node.ObjectNode row = com.epicorups.core.Json.mapper().createObjectNode();
            row.put("OrderRel_OrderNum", k.orderNum()).put("OrderRel_OrderLine", 1).put("OrderRel_OrderRelNum", 1)
                    .put("OrderRel_SysRevID", 1);
            fake.sets.computeIfAbsent("BAQ:UPS-READY", x -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(row);
        }
        EpicorSettings s = settings(b -> b.source(EpicorSettings.Source.BAQ).baqId("UPS-READY"));
        EpicorClient c = client(s);

        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, s).recheckAll(keys);

        assertThat(result.values().stream().filter(ReleaseRecheck::isShippable)).hasSize(3);
        assertThat(result.get(key(7703)).notShippableReason().code()).isEqualTo("NOT_ELIGIBLE");
        assertThat(result.get(key(7703)).detail()).isEqualTo("no longer returned by BAQ UPS-READY");
        assertThat(fake.requestsTo("/BaqSvc/UPS-READY/Data")).singleElement().satisfies(r -> assertThat(
                r.getRequestUrl().queryParameter("$filter")).startsWith(
                "(OrderRel_OrderNum eq 7700 and OrderRel_OrderLine eq 1 and OrderRel_OrderRelNum eq 1) or "));
        assertThat(fake.requestsTo("/OrderRels")).singleElement().satisfies(r -> assertThat(
                r.getRequestUrl().queryParameter("$filter")).isEqualTo(
                "OrderNum eq 7700 or OrderNum eq 7701 or OrderNum eq 7702 or OrderNum eq 7703"));
        // BAQ + releases + orders + lines + parts + ship-tos, one call each
        assertThat(c.callCount()).isEqualTo(6);

        ReleaseRecheck single = new EpicorReleaseReader(c, s).recheck(key(7703));
        assertThat(single.notShippableReason().code()).isEqualTo("NOT_ELIGIBLE");
    }

    @Test
    void recheckAllIsBatched() {
        List<ReleaseKey> keys = simpleReleases(7000, 30);
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7003), r -> r.put("VoidRelease", true));
        keys.add(key(7999));
        EpicorClient c = client(settings());
        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys);
        assertThat(result).hasSize(31);
        assertThat(result.values().stream().filter(ReleaseRecheck::isShippable)).hasSize(29);
        assertThat(result.get(key(7003)).notShippableReason().code()).isEqualTo("RELEASE_VOID");
        assertThat(result.get(key(7999)).notShippableReason().code()).isEqualTo("RELEASE_GONE");
        // eligible releases + the two it left out (void, gone) + orders + lines + parts + ship-tos, one call each
        assertThat(c.callCount()).isEqualTo(6);
        System.out.println("[calls] recheckAll of 31 releases: " + c.callCount() + " Epicor calls");
    }

    @Test
    void recheckAllOfEligibleReleasesReadsOrderRelsOnce() {
        List<ReleaseKey> keys = simpleReleases(7100, 10);
        EpicorClient c = client(settings());
        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys);
        assertThat(result.values()).allSatisfy(r -> assertThat(r.isShippable()).isTrue());
        // OrderRels with the eligibility filter and the ten keys + orders + lines + parts + ship-tos
        assertThat(c.callCount()).isEqualTo(5);
        assertThat(fake.requests.stream().filter(r -> r.getPath().contains("/OrderRels?"))).hasSize(1);
    }

    /** The references a poll of these releases would put in their messages. */
    private List<ReleaseReferences> polledReferences(EpicorClient c, List<ReleaseKey> keys) {
        List<JsonNode> rels = new ArrayList<>();
        for (ReleaseKey k : keys) {
            rels.add(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == k.orderNum()));
        }
        return new ReleaseAssembler(c, settings()).assemble(rels).stream().map(MappedRelease::references).toList();
    }

    @Test
    void thePollRecordsEachReleasesPartAndShipToRow() {
        fake.customer(100);
        fake.simpleRelease(7200, 100);
        fake.simpleRelease(7201, 100);
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7201), r -> r.put("ShipToNum", ""));
        fake.release(7202, 1, 1, "P-7200", "1", 100, "DOCK");
        fake.order(7202, 100);
        fake.line(7202, 1, "P-7200", "10.00");
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7202), r -> r.put("UseOTS", true));

        List<ReleaseReferences> refs = polledReferences(client(settings()), List.of(key(7200), key(7201), key(7202)));

        assertThat(refs).containsExactly(
                new ReleaseReferences("P-7200", 100, "DOCK"),
                new ReleaseReferences("P-7201", 100, ""),
                new ReleaseReferences("P-7200", null, null));
    }

    @Test
    void withThePollsReferencesTheReReadIsOneStepOfFiveReadsAtOnce() {
        List<ReleaseKey> keys = simpleReleases(7300, 5);
        EpicorClient c = client(settings());
        c.refreshIdentity();
        List<ReleaseReferences> refs = polledReferences(c, keys);
        fake.requests.clear();
        // Every read waits until all five have arrived: a read sent after another's answer would time out here.
        java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(5);
        java.util.Set<String> sequential = java.util.concurrent.ConcurrentHashMap.newKeySet();
        fake.onRequest = req -> {
            try {
                all.await(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                sequential.add(req.getPath().substring(0, req.getPath().indexOf('?')));
            }
        };

        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys, refs);

        assertThat(result.values()).hasSize(5).allMatch(ReleaseRecheck::isShippable);
        assertThat(result.get(key(7302)).current().weight()).isEqualByComparingTo("10.000");
        assertThat(sequential).as("reads that waited alone").isEmpty();
        assertThat(fake.requests).hasSize(5);
    }

    @Test
    void aPartOrShipToChangedSinceThePollIsReadAfterAndTheFreshRowsDecide() {
        List<ReleaseKey> keys = simpleReleases(7400, 3);
        fake.shipTo(100, "YARD");
        fake.part("P-HEAVY", "9", "LB");
        EpicorClient c = client(settings());
        List<ReleaseReferences> refs = polledReferences(c, keys);
        // After the poll: one release now ships another part, one goes to another dock, one part is retired.
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7400), r -> r.put("PartNum", "P-HEAVY"));
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7401), r -> r.put("ShipToNum", "YARD"));
        fake.touch(fake.find("Parts", r -> r.path("PartNum").asText().equals("P-7402")),
                r -> r.put("PartNum", "P-7402-RETIRED"));
        fake.requests.clear();

        Map<ReleaseKey, ReleaseRecheck> result = new EpicorReleaseReader(c, settings()).recheckAll(keys, refs);

        assertThat(result.get(key(7400)).current().partNum()).isEqualTo("P-HEAVY");
        assertThat(result.get(key(7400)).current().weight()).isEqualByComparingTo("36.000");
        assertThat(result.get(key(7401)).current().shipTo().name()).isEqualTo("Dock YARD");
        assertThat(result.get(key(7402)).notShippableReason().code()).isEqualTo("NO_PART");
        // five reads at once, then the new part and the new ship-to (the retired part is not asked for again)
        assertThat(fake.requestsTo("/Parts?")).hasSize(2);
        assertThat(fake.requestsTo("/ShipToes?")).hasSize(2);
        assertThat(fake.requests).hasSize(7);
    }

    /**
     * A release polled with an unknown part or an inactive ship-to carries the references the poll read; the
     * re-read with them fails it with the reason until Epicor's Part or ShipTo row is fixed, then ships it.
     */
    @Test
    void anUnknownPartOrInactiveShipToFailsTheReReadUntilEpicorIsFixedThenTheSameReferencesShip() {
        List<ReleaseKey> keys = simpleReleases(7500, 2);
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7500), r -> r.put("PartNum", "P-NEW"));
        fake.shipTo(100, "OLD");
        fake.touch(fake.find("ShipToes", r -> r.path("ShipToNum").asText().equals("OLD")), r -> r.put("Inactive", true));
        fake.touch(fake.find("OrderRels", r -> r.path("OrderNum").asInt() == 7501), r -> r.put("ShipToNum", "OLD"));
        EpicorClient c = client(settings());
        List<ReleaseReferences> refs = polledReferences(c, keys);
        assertThat(refs.get(0).partNum()).isEqualTo("P-NEW");
        assertThat(refs.get(1).shipToNum()).isEqualTo("OLD");
        EpicorReleaseReader reader = new EpicorReleaseReader(c, settings());

        Map<ReleaseKey, ReleaseRecheck> before = reader.recheckAll(keys, refs);
        assertThat(before.get(key(7500)).notShippableReason().code()).isEqualTo("NO_PART");
        assertThat(before.get(key(7500)).detail()).contains("P-NEW").contains("Part master");
        assertThat(before.get(key(7501)).notShippableReason().code()).isEqualTo("SHIP_TO_INACTIVE");
        assertThat(before.get(key(7501)).detail()).contains("OLD").contains("inactive");

        fake.part("P-NEW", "3", "LB");
        fake.touch(fake.find("ShipToes", r -> r.path("ShipToNum").asText().equals("OLD")), r -> r.put("Inactive", false));
        Map<ReleaseKey, ReleaseRecheck> after = reader.recheckAll(keys, refs);

        assertThat(after.get(key(7500)).isShippable()).isTrue();
        assertThat(after.get(key(7500)).current().weight()).isEqualByComparingTo("12.000"); // 3 LB x 4
        assertThat(after.get(key(7501)).isShippable()).isTrue();
        assertThat(after.get(key(7501)).current().shipTo().name()).isEqualTo("Dock OLD");
    }
}
