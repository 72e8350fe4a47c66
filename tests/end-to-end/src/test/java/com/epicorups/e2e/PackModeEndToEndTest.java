package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentRecord;
import com.epicorups.store.dynamo.DynamoPackLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 18, "done when": pack mode ({@code epicor.source: PACKS}) through the whole pipeline, on the emulated AWS
 * resources and both sandboxes, with the Epicor sandbox's sample packs: packs with and without cartons, a
 * multi-carton pack, a one-time address, an international pack, each shipped once with a package per carton and its
 * fields written back; a pack voided after its label is voided at UPS once; a re-poll ships nothing twice.
 */
class PackModeEndToEndTest {
    static final UnaryOperator<String> PACKS = s -> s.replace("{\"epicor\":{\"pageSize\":20,",
            "{\"epicor\":{\"source\":\"PACKS\",\"pageSize\":20,");
    private static final List<Integer> UPS_PACKS = List.of(1004, 1005, 1006, 1007, 1008, 1011);

    @Test
    void everyReadyUpsPackShipsOnceWithAPackagePerCartonAndItsResultsInThePack() {
        try (ConnectorWorld world = new ConnectorWorld(PACKS)) {
            Map<String, Object> polled = world.poll();
            assertThat(polled).containsEntry("enqueued", UPS_PACKS.size());
            assertThat(polled.get("skippedByReason")).isEqualTo(Map.of("NOT_UPS_SHIP_VIA", 1)); // 1009, FedEx
            world.drainShipmentRequests();

            PackLedger ledger = ledger(world);
            assertThat(world.peek(world.resources.shipmentRequestsDlqUrl())).isEmpty();
            for (int packNum : UPS_PACKS) {
                ShipmentRecord record = ledger.get(new PackKey(ConnectorWorld.COMPANY, packNum)).orElseThrow();
                assertThat(record.state()).as("pack %d", packNum).isEqualTo(LedgerState.WRITTEN);
                Map<String, Object> head = pack(world, packNum);
                assertThat(head.get("TrackingNumber")).as("pack %d", packNum).isEqualTo(record.trackingNumbers().get(0));
                assertThat(head.get("MFTransNum")).isEqualTo(record.shipmentId());
                assertThat(new BigDecimal(String.valueOf(head.get("MFFreightAmt")))).as("freight of pack %d", packNum)
                        .isPositive();
                assertThat(cartons(world, packNum)).as("a carton per package, each with its tracking number")
                        .extracting(c -> c.get("TrackingNumber")).containsExactlyElementsOf(record.trackingNumbers());
                assertThat(upsShipment(world, record.shipmentId()).references()).contains("PACK " + packNum);
            }
            assertThat(world.ups.requests(Operation.SHIP)).as("one shipment per pack").isEqualTo(UPS_PACKS.size());
            assertThat(trackings(ledger, 1005)).as("three cartons, three packages").hasSize(3);
            assertThat(trackings(ledger, 1004)).as("no cartons, 23.5 LB: one package, its carton created").hasSize(1);
            assertThat(cartons(world, 1004).get(0).get("PkgWeight")).asString().startsWith("23.5");
            assertThat(trackings(ledger, 1011)).as("320 LB without cartons: three packages of at most 150 LB")
                    .hasSize(3);
            assertThat(trackings(ledger, 1007)).hasSize(2);
            assertThat(ledger.get(new PackKey(ConnectorWorld.COMPANY, 1009))).as("FedEx's").isEmpty();

            JsonNode ots = request(world, 1006).path("Shipment").path("ShipTo");
            assertThat(ots.path("Name").asText()).as("the order's one-time address").startsWith("Acme Trade Show");
            assertThat(ots.path("Address").path("City").asText()).isEqualToIgnoringCase("Chicago");
            JsonNode germany = request(world, 1007).path("Shipment");
            assertThat(germany.path("ShipTo").path("Address").path("CountryCode").asText()).isEqualTo("DE");
            assertThat(germany.path("Service").path("Code").asText()).isEqualTo("65");
            assertThat(germany.path("ShipmentServiceOptions").path("InternationalForms").path("Product").size())
                    .as("the commercial invoice lists the pack's lines").isPositive();
            assertThat(world.ups.validationFailures()).isEmpty();

            Map<String, Object> again = world.poll();
            world.drainShipmentRequests();
            assertThat(again).containsEntry("enqueued", 0);
            assertThat(world.ups.requests(Operation.SHIP)).as("a re-poll ships nothing twice").isEqualTo(UPS_PACKS.size());
        }
    }

    @Test
    void aPacksTrackingStatusesReachTheReleasesItShipsFromTrackAlertAndQuantumView() {
        try (ConnectorWorld world = new ConnectorWorld(PACKS)) {
            world.poll();
            world.drainShipmentRequests();
            PackKey key = new PackKey(ConnectorWorld.COMPANY, 1005);
            ShipmentRecord shipped = ledger(world).get(key).orElseThrow();
            assertThat(shipped.trackingNumbers()).hasSize(3);
            assertThat(Fixtures.ledger(world)).as("pack items are not releases'").isEmpty();

            Map<String, Object> renewal = world.renewSubscriptions();
            assertThat(renewal.get("error")).isNull();
            shipped.trackingNumbers().forEach(tn -> assertThat(world.ups.trackAlert().subscription(tn))
                    .as("carton %s subscribed to Track Alert", tn).isPresent());
            assertThat(ledger(world).get(key).orElseThrow().subscriptionExpiresAt())
                    .isAfter(Instant.now().plus(java.time.Duration.ofDays(13)));

            // The third carton's package moves: Track Alert posts to the webhook, Quantum View queues the same scans.
            String third = shipped.trackingNumbers().get(2);
            world.ups.shipments().advance(third, com.epicorups.sandbox.ups.Status.PICKED_UP);
            world.ups.shipments().advance(third, com.epicorups.sandbox.ups.Status.IN_TRANSIT);
            assertThat(world.webhook.answers()).isNotEmpty().allMatch(code -> code == 200);
            assertThat(world.pollQuantumView().get("error")).isNull();
            assertThat(world.drainTrackingUpdates()).isPositive();

            assertThat(ledger(world).get(key).orElseThrow().lastStatus().name()).isEqualTo("IN_TRANSIT");
            List<String> releases = world.epicor.dataset().get("ShipDtls").stream()
                    .filter(d -> ((Number) d.get("PackNum")).intValue() == 1005)
                    .map(d -> d.get("OrderNum") + "/" + d.get("OrderLine") + "/" + d.get("OrderRelNum"))
                    .distinct().toList();
            assertThat(releases).isNotEmpty();
            releases.forEach(rel -> {
                assertThat(world.orderRel(rel).get("UPSStatus_c")).as("release %s of pack 1005", rel)
                        .isEqualTo("IN_TRANSIT");
                assertThat(String.valueOf(world.orderRel(rel).get("TrackingNumber_c"))).as(rel).contains(third);
            });
            assertThat(world.audit()).filteredOn(i -> key.asString().equals(Fixtures.s(i, "pk"))
                    && "TRACKING_UPDATE".equals(Fixtures.s(i, "operation"))
                    && "SUCCESS".equals(Fixtures.s(i, "outcome"))).as("audited under the pack").isNotEmpty();
            assertThat(world.audit()).filteredOn(i -> "UNKNOWN_TRACKING_NUMBER".equals(Fixtures.s(i, "reasonCode")))
                    .as("no pack's event dropped as unknown").isEmpty();
            assertThat(world.peek(world.resources.trackingUpdatesDlqUrl())).isEmpty();
        }
    }

    @Test
    void aMultiCartonPackAdoptedAfterALostAnswerHasEachCartonsOwnTrackingNumber() {
        try (ConnectorWorld world = new ConnectorWorld(s -> PACKS.apply(s)
                .replace("\"shipMillis\":60000", "\"shipMillis\":10000"))) {
            for (int other : List.of(1004, 1006, 1007, 1008, 1011)) {
                world.epicor.dataset().update("CustShips", Map.of("Company", ConnectorWorld.COMPANY, "PackNum", other),
                        Map.of("ShipStatus", "OPEN"));
            }
            assertThat(world.poll()).containsEntry("enqueued", 1);
            // UPS creates pack 1005's shipment (three cartons) but its answer never arrives (10 s ship timeout);
            // Label Recovery then lists the packages last first.
            world.ups.faults().holdFor(java.time.Duration.ofMinutes(10)).shipTimeoutAfterCreate(1);
            world.ups.shipments().labelRecoveryInReverse(true);
            SqsEventSource.Invocation lost = world.shipmentRequests.pollOnce(
                    new com.epicorups.function.shipmentcreator.ShipmentCreatorHandler());
            assertThat(lost.failedMessageIds()).hasSize(1);
            PackKey key = new PackKey(ConnectorWorld.COMPANY, 1005);
            assertThat(ledger(world).get(key).orElseThrow().state()).isEqualTo(LedgerState.CLAIMED);

            world.clock.advance(java.time.Duration.ofSeconds(241)); // past the claim lease
            world.shipmentRequests.makeVisible(lost);
            world.drainShipmentRequests();

            assertThat(world.ups.requests(Operation.SHIP)).as("adopted, not bought twice").isEqualTo(1);
            ShipmentRecord record = ledger(world).get(key).orElseThrow();
            assertThat(record.state()).isEqualTo(LedgerState.WRITTEN);
            Shipments.Created atUps = upsShipment(world, record.shipmentId());
            // The ship request's n-th package was carton n (CASE n); UPS numbers the packages in request order.
            assertThat(cartons(world, 1005)).extracting(c -> c.get("TrackingNumber"))
                    .as("carton n has package n's number, not Label Recovery's n-th")
                    .containsExactlyElementsOf(atUps.trackingNumbers());
            assertThat(pack(world, 1005).get("TrackingNumber")).isEqualTo(atUps.trackingNumbers().get(0));
            assertThat(world.audit()).filteredOn(i -> key.asString().equals(Fixtures.s(i, "pk"))
                    && "LABEL_RECOVERY".equals(Fixtures.s(i, "operation"))
                    && "ADOPTED_EXISTING".equals(Fixtures.s(i, "reasonCode"))).hasSize(1);
            assertThat(world.peek(world.resources.shipmentRequestsDlqUrl())).isEmpty();
        }
    }

    @Test
    void aPackVoidedInEpicorAfterItsLabelIsVoidedAtUpsOnce() throws Exception {
        try (ConnectorWorld world = new ConnectorWorld(PACKS)) {
            world.poll();
            world.drainShipmentRequests();
            PackKey voided = new PackKey(ConnectorWorld.COMPANY, 1008);
            String shipmentId = ledger(world).get(voided).orElseThrow().shipmentId();
            world.epicor.dataset().update("CustShips", Map.of("Company", ConnectorWorld.COMPANY, "PackNum", 1008),
                    Map.of("Voided", true, "ShipStatus", "Void"));

            Map<String, Object> polled = world.poll();
            assertThat(polled).containsEntry("voidsEnqueued", 1);
            world.drainShipmentRequests();

            assertThat(upsShipment(world, shipmentId).voided()).isTrue();
            assertThat(world.ups.requests(Operation.VOID)).isEqualTo(1);
            assertThat(ledger(world).get(voided).orElseThrow().state()).isEqualTo(LedgerState.VOIDED);
            assertThat(world.audit()).filteredOn(i -> voided.asString().equals(Fixtures.s(i, "pk"))
                    && "SHIPMENT_VOID".equals(Fixtures.s(i, "operation")) && "SUCCESS".equals(Fixtures.s(i, "outcome")))
                    .singleElement().satisfies(i -> assertThat(Fixtures.s(i, "reasonCode")).isEqualTo("LABEL_VOIDED"));
            assertThat(pack(world, 1008).get("TrackingNumber")).as("Epicor refuses updates to a voided pack")
                    .isNotIn("", null);

            // The same void again (SQS delivers a message twice now and then): UPS is not called again.
            assertThat(world.poll()).containsEntry("voidsEnqueued", 0);
            ReadyPack pack = new ReadyPack(voided, 0, "UP2D", "ATLDC", 110, 110, "", false, 0, new BigDecimal("45"),
                    "LB", BigDecimal.ZERO, "USD", List.of(new ReadyPack.Line(1, 5030, 1, 1, "PUMP-220", "pump",
                    BigDecimal.TWO, "EA", "ATL")), List.of());
            String again = Json.mapper().writeValueAsString(PackRequestMessage.voidLabel("duplicate", Instant.now(), pack));
            world.aws.sqs().sendMessage(r -> r.queueUrl(world.resources.shipmentRequestsQueueUrl()).messageBody(again));
            world.drainShipmentRequests();
            assertThat(world.audit()).filteredOn(i -> voided.asString().equals(Fixtures.s(i, "pk"))
                    && "SHIPMENT_VOID".equals(Fixtures.s(i, "operation")) && "SKIPPED".equals(Fixtures.s(i, "outcome")))
                    .as("the duplicate found the ledger VOIDED").hasSize(1);
            assertThat(world.ups.requests(Operation.VOID)).isEqualTo(1);
            assertThat(world.ups.shipments().list().stream().filter(Shipments.Created::voided)).hasSize(1);
        }
    }

    @Test
    void aPackWhoseServiceUpsDoesNotOfferOnItsLaneIsRefusedBeforeAnyUpsCall() {
        // UP2D mapped to Saver (65), which UPS offers on no domestic lane: pack 1008 (Atlanta to Atlanta).
        UnaryOperator<String> saver = s -> PACKS.apply(s).replace("\"UP2D\":\"02\"", "\"UP2D\":\"65\"");
        try (ConnectorWorld world = new ConnectorWorld(saver)) {
            world.poll();
            world.drainShipmentRequests();

            PackKey refused = new PackKey(ConnectorWorld.COMPANY, 1008);
            ShipmentRecord record = ledger(world).get(refused).orElseThrow();
            assertThat(record.state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
            assertThat(record.reasonCode()).isEqualTo("SERVICE_NOT_ON_LANE");
            assertThat(world.peek(world.resources.shipmentRequestsDlqUrl())).singleElement()
                    .satisfies(m -> assertThat(Fixtures.attribute(m, "reasonCode")).isEqualTo("SERVICE_NOT_ON_LANE"));
            assertThat(world.ups.requests(Operation.ADDRESS_VALIDATION))
                    .as("the four other US packs' addresses only").isEqualTo(4);
            assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(UPS_PACKS.size() - 1);
            assertThat(pack(world, 1008).get("TrackingNumber")).isIn("", null);
        }
    }

    static PackLedger ledger(ConnectorWorld world) {
        return new DynamoPackLedger(world.aws.dynamoDbBuilder().build(), world.resources.shipmentsTable());
    }

    private static List<String> trackings(PackLedger ledger, int packNum) {
        return ledger.get(new PackKey(ConnectorWorld.COMPANY, packNum)).orElseThrow().trackingNumbers();
    }

    static Map<String, Object> pack(ConnectorWorld world, int packNum) {
        return world.epicor.dataset().find("CustShips", Map.of("Company", ConnectorWorld.COMPANY, "PackNum", packNum))
                .orElseThrow();
    }

    static List<Map<String, Object>> cartons(ConnectorWorld world, int packNum) {
        return world.epicor.dataset().get("CartonTrkDtls").stream()
                .filter(c -> ((Number) c.get("PackNum")).intValue() == packNum)
                .sorted(Comparator.comparingInt(c -> ((Number) c.get("CaseNum")).intValue())).toList();
    }

    static Shipments.Created upsShipment(ConnectorWorld world, String shipmentId) {
        return world.ups.shipments().list().stream().filter(s -> s.shipmentId().equals(shipmentId)).findFirst()
                .orElseThrow();
    }

    /** The ShipmentRequest the creator sent for a pack, from its SHIPMENT_CREATE audit entry. */
    static JsonNode request(ConnectorWorld world, int packNum) {
        String subject = new PackKey(ConnectorWorld.COMPANY, packNum).asString();
        for (Map<String, AttributeValue> item : world.audit()) {
            AttributeValue details = item.get("details");
            if (subject.equals(Fixtures.s(item, "pk")) && "SHIPMENT_CREATE".equals(Fixtures.s(item, "operation"))
                    && details != null && details.hasM() && details.m().containsKey("request")) {
                try {
                    return Json.mapper().readTree(details.m().get("request").s()).path("ShipmentRequest");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no SHIPMENT_CREATE request audited for " + subject);
    }
}
