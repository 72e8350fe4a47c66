package com.epicorups.e2e;

import static com.epicorups.e2e.Fixtures.releaseOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.model.ReleaseKey;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 20, "done when": Ground to Germany (7001, UPSG) and 2nd Day Air to Canada (7003, UP2D) through the whole
 * pipeline (resources/issue20/dataset.json). Mapped as one service everywhere, UPS offers neither on its lane: both
 * fail SERVICE_NOT_ON_LANE before any UPS call, the reason naming the ShipVia, the lane and the services that would
 * do. Mapped per destination class, both ship on their lane's service. Best Way by the release's NeedByDate and the
 * lane refusal before Address Validation run on resources/issue20/need-by-dataset.json.
 */
class LanesEndToEndTest {


    private static final UnaryOperator<String> PER_CLASS = s -> s.replace("\"UPSG\":\"03\",\"UP2D\":\"02\"",
            "\"UPSG\":{\"domestic\":\"03\",\"canada\":\"11\",\"mexico\":\"11\",\"international\":\"65\"},"
                    + "\"UP2D\":{\"domestic\":\"02\",\"canada\":\"08\",\"mexico\":\"08\",\"international\":\"08\"}");

    private static ConnectorWorld run(UnaryOperator<String> settings, int ups) {
        ConnectorWorld world = new ConnectorWorld(Fixtures.dataset("/issue20/dataset.json"), settings);
        assertThat(world.poll()).containsEntry("enqueued", ups);
        world.drainShipmentRequests();
        world.drainTrackingUpdates();
        return world;
    }

    @Test
    void groundToGermanyAndSecondDayAirToCanadaFailBeforeAnyUpsCallWhenUnmapped() {
        // UPBW (Best Way) is not a UPS ShipVia of these settings: 2 releases.
        try (ConnectorWorld world = run(UnaryOperator.identity(), 2)) {
            Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
            Map<String, Message> dead = world.peek(world.resources.shipmentRequestsDlqUrl()).stream()
                    .collect(Collectors.toMap(m -> releaseOf(m.body()), m -> m));
            for (String release : new String[] {"7001/1/1", "7003/1/1"}) {
                assertThat(ledger.get(release).state().name()).as(release).isEqualTo("NEEDS_ATTENTION");
                assertThat(ledger.get(release).reasonCode()).as(release).isEqualTo("SERVICE_NOT_ON_LANE");
                assertThat(Fixtures.attribute(dead.get(release), "reasonCode")).isEqualTo("SERVICE_NOT_ON_LANE");
                assertThat(world.orderRel(release).get("TrackingNumber_c")).isIn("", null);
            }
            assertThat(Fixtures.attribute(dead.get("7001/1/1"), "reasonMessage"))
                    .contains("ShipVia 'UPSG'").contains("03 (Ground)").contains("US -> DE")
                    .contains("65 (Saver)").contains("07 (Worldwide Express)").contains("\"international\"");
            assertThat(Fixtures.attribute(dead.get("7003/1/1"), "reasonMessage"))
                    .contains("ShipVia 'UP2D'").contains("02 (2nd Day Air)").contains("US -> CA")
                    .contains("11 (Standard)").contains("\"canada\"");
            assertThat(world.ups.requests(Operation.SHIP)).as("no UPS call").isZero();
            assertThat(world.ups.requests(Operation.RATING)).isZero();
            assertThat(world.ups.requests(Operation.ADDRESS_VALIDATION)).isZero();
        }
    }

    @Test
    void theyShipOnTheirLanesServiceWhenTheSettingsMapThemPerDestinationClass() {
        try (ConnectorWorld world = run(PER_CLASS, 2)) {
            Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
            Map<String, String> expected = Map.of("7001/1/1", "65", "7003/1/1", "08");
            expected.forEach((release, service) -> {
                assertThat(ledger.get(release).state().name()).as(release).isEqualTo("WRITTEN");
                assertThat(world.orderRel(release).get("TrackingNumber_c")).as(release)
                        .isEqualTo(String.join(",", ledger.get(release).trackingNumbers()));
                assertThat(sentService(world, release)).as(release).isEqualTo(service);
            });
            assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(2);
            assertThat(world.ups.validationFailures()).isEmpty();
        }
    }

    /**
     * 7002, twelve 6 lb hoses to the UK on UPBW: the sandbox prices US -> GB (72 lb) at Express 07 418.63 USD negotiated
     * in 3 business days, Express Plus 54 528.75 in 2, Saver 65 262.50 in 4, Expedited 08 in 6. Within 3 days the
     * cheapest is 07; the choice and its charge are audited and written back.
     */
    @Test
    void aBestWayReleaseShipsOnTheCheapestServiceWithinItsLimitAndItsChargeIsWrittenBack() {
        UnaryOperator<String> bestWay = PER_CLASS.andThen(s -> s
                .replace("\"serviceMap\":", "\"bestWay\":{\"UPBW\":{\"maxTransitDays\":3}},\"serviceMap\":")
                .replace("{\"epicor\":{", "{\"epicor\":{\"writeBack\":{\"fields\":{\"shippedService\":\"UPSService_c\","
                        + "\"shippingCharge\":\"UPSCharge_c\"}},"))::apply;
        try (ConnectorWorld world = run(bestWay, 3)) {
            Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
            assertThat(ledger.values()).allSatisfy(r -> assertThat(r.state().name()).isEqualTo("WRITTEN"));
            assertThat(sentService(world, "7002/1/1")).isEqualTo("07");
            Map<String, Object> rel = world.orderRel("7002/1/1");
            assertThat(rel.get("UPSService_c")).isEqualTo("07");
            assertThat(rel.get("UPSCharge_c")).isEqualTo("418.63 USD");
            assertThat(world.orderRel("7001/1/1").get("UPSService_c")).as("not rate-shopped: nothing written")
                    .isIn("", null);
            assertThat(world.ups.requests(Operation.RATING)).as("one Rating call, for the Best Way release").isEqualTo(1);
            assertThat(world.ups.requests(Operation.SHIP)).isEqualTo(3);
            assertThat(world.ups.validationFailures()).isEmpty();
            assertThat(audit(world, "7002/1/1")).anySatisfy(e -> assertThat(e.details().get("charge.BestWayCharge"))
                    .isEqualTo("418.63 USD"));
        }
    }

    private static java.util.List<AuditEntry> audit(ConnectorWorld world, String shortKey) {
        String[] p = shortKey.split("/");
        return world.assembly.parts().auditLog().forSubject(new ReleaseKey(ConnectorWorld.COMPANY,
                Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])).asString());
    }

    private static String sentService(ConnectorWorld world, String shortKey) {
        String[] p = shortKey.split("/");
        ReleaseKey key = new ReleaseKey(ConnectorWorld.COMPANY, Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                Integer.parseInt(p[2]));
        AuditEntry created = world.assembly.parts().auditLog().forSubject(key.asString()).stream()
                .filter(e -> e.operation() == AuditOperation.SHIPMENT_CREATE && e.outcome() == AuditOutcome.SUCCESS)
                .findFirst().orElseThrow();
        try {
            return Json.mapper().readTree(created.details().get("request")).at("/ShipmentRequest/Shipment/Service/Code")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Best Way by NeedByDate (resources/issue20/need-by-dataset.json): three releases of the same brackets from Chicago
     * to New York on UPBW, shipped on a Monday (the connector's clock moves there after the poll; UPS's delivery dates
     * are the sandbox's, Monday to Friday). Needed three weeks out: Ground (arrives next Monday). Needed Thursday:
     * 3 Day Select, the cheapest that arrives by then. Needed the ship date itself: no service arrives that day.
     */
    @Test
    void bestWayByNeedByDateShipsEachReleaseOnTheCheapestServiceDeliveredByItsDate() {
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Map<Integer, LocalDate> needBy = Map.of(7101, monday.plusDays(21), 7102, monday.plusDays(3), 7103, monday);
        UnaryOperator<String> byNeedByDate = s -> s
                .replace("\"serviceMap\":", "\"bestWay\":{\"UPBW\":{\"byNeedByDate\":true}},\"serviceMap\":")
                .replace("{\"epicor\":{", "{\"epicor\":{\"writeBack\":{\"fields\":{\"shippedService\":\"UPSService_c\","
                        + "\"shippingCharge\":\"UPSCharge_c\"}},");
        try (ConnectorWorld world = new ConnectorWorld(Fixtures.dataset("/issue20/need-by-dataset.json",
                root -> root.withArray("OrderRels").forEach(r -> {
                    LocalDate date = needBy.get(r.path("OrderNum").asInt());
                    if (date != null) {
                        ((ObjectNode) r).put("NeedByDate", date + "T00:00:00");
                    }
                })), byNeedByDate)) {
            assertThat(world.poll()).as("7101-7103 on UPBW; 7104 (UPSG)").containsEntry("enqueued", 4);
            world.clock.advance(Duration.between(world.clock.instant(),
                    monday.atTime(15, 0).toInstant(ZoneOffset.UTC)));
            world.drainShipmentRequests();
            world.drainTrackingUpdates();

            Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
            assertThat(sentService(world, "7101/1/1")).isEqualTo("03");
            assertThat(sentService(world, "7102/1/1")).isEqualTo("12");
            for (String release : new String[] {"7101/1/1", "7102/1/1"}) {
                assertThat(ledger.get(release).state().name()).as(release).isEqualTo("WRITTEN");
                assertThat(world.orderRel(release).get("UPSService_c")).as(release)
                        .isEqualTo(sentService(world, release));
                assertThat(String.valueOf(world.orderRel(release).get("UPSCharge_c"))).as(release).endsWith(" USD");
            }
            assertThat(audit(world, "7102/1/1")).anySatisfy(e -> assertThat(e.details().get("auditNotes"))
                    .contains("by " + monday.plusDays(3) + " (the release's NeedByDate)"));

            assertThat(ledger.get("7103/1/1").reasonCode()).isEqualTo("NO_SERVICE_WITHIN_TRANSIT");
            Map<String, Message> dead = world.peek(world.resources.shipmentRequestsDlqUrl()).stream()
                    .collect(Collectors.toMap(m -> releaseOf(m.body()), m -> m));
            assertThat(Fixtures.attribute(dead.get("7103/1/1"), "reasonMessage"))
                    .contains("arrives by " + monday + " (the release's NeedByDate)").contains("US -> US")
                    .contains("arrives " + monday.plusDays(1));
            assertThat(world.orderRel("7103/1/1").get("TrackingNumber_c")).isIn("", null);
            assertThat(world.ups.requests(Operation.SHIP)).as("7101 and 7102 only").isEqualTo(2);
            assertThat(world.ups.validationFailures()).isEmpty();
        }
    }

    /**
     * 7104, Ground (UPSG mapped to 03 everywhere) to San Juan: UPS does not offer Ground from the US to Puerto Rico.
     * Puerto Rico is a ship-to Address Validation covers, and the creator's batch starts its address checks early; the
     * lane refuses the release before either: no Address Validation, Rating or Ship call, today's reason and message.
     */
    @Test
    void aGroundReleaseToPuertoRicoFailsBeforeAnyUpsCallAddressValidationIncluded() {
        // Default settings: UPBW is no UPS ShipVia of these, so only 7104 is enqueued.
        try (ConnectorWorld world = new ConnectorWorld(Fixtures.dataset("/issue20/need-by-dataset.json"),
                UnaryOperator.identity())) {
            assertThat(world.poll()).containsEntry("enqueued", 1);
            world.drainShipmentRequests();

            ShipmentRecord record = Fixtures.ledger(world).get("7104/1/1");
            assertThat(record.state().name()).isEqualTo("NEEDS_ATTENTION");
            assertThat(record.reasonCode()).isEqualTo("SERVICE_NOT_ON_LANE");
            Message dead = world.peek(world.resources.shipmentRequestsDlqUrl()).getFirst();
            assertThat(Fixtures.attribute(dead, "reasonCode")).isEqualTo("SERVICE_NOT_ON_LANE");
            assertThat(Fixtures.attribute(dead, "reasonMessage")).contains("ShipVia 'UPSG'").contains("03 (Ground)")
                    .contains("US -> PR").contains("01 (Next Day Air), 02 (2nd Day Air)");
            assertThat(world.ups.requests(Operation.ADDRESS_VALIDATION)).as("no Address Validation").isZero();
            assertThat(world.ups.requests(Operation.RATING)).isZero();
            assertThat(world.ups.requests(Operation.SHIP)).isZero();
        }
    }
}
