package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.port.CreatedShipment;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.model.ShippableRelease;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.service.BestWay;
import com.epicorups.ups.ship.UpsShippingClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20, Best Way: a rate-shopped ShipVia asks Rating Shop once per shipment and ships on the cheapest service
 * within its transit limit (the sandbox's deterministic charges, README "Rating").
 */
class BestWaySandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private UpsClients clients(BestWay rule) {
        return ups.clients(ups.settingsBuilder().bestWay("UPS BEST", rule).build());
    }

    @Test
    void shipsOnTheCheapestNegotiatedServiceWithinItsTransitLimitAfterOneRatingCall() throws Exception {
        int ratingBefore = ups.sandbox().requests(Operation.RATING);
        int shipBefore = ups.sandbox().requests(Operation.SHIP);

        // US -> CA, 13 lb billed: Standard 30.24 (6 days), Expedited 80.40 (5), Saver 68.40 (3), Express 109.23 (2).
        CreatedShipment withinThree = clients(new BestWay(3, null)).shipping()
                .create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));

        assertThat(Json.mapper().readTree(withinThree.requestBody()).at("/ShipmentRequest/Shipment/Service/Code").asText())
                .isEqualTo("65");
        assertThat(withinThree.charges()).containsEntry("BestWayService", "65").containsEntry("BestWayCharge", "68.40 USD");
        assertThat(withinThree.auditNotes()).anySatisfy(n -> assertThat(n).startsWith("Best Way: 65 at 68.40 USD (negotiated)")
                .contains("11 at 30.24 USD (negotiated), 6 business days"));
        assertThat(ups.sandbox().requests(Operation.RATING) - ratingBefore).as("one Rating call").isEqualTo(1);
        assertThat(ups.sandbox().requests(Operation.SHIP) - shipBefore).isEqualTo(1);

        CreatedShipment noLimit = clients(new BestWay(null, null)).shipping()
                .create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));
        assertThat(noLimit.charges()).containsEntry("BestWayService", "11").containsEntry("BestWayCharge", "30.24 USD");
        assertThat(ups.sandbox().validationFailures()).as("Rating and Ship requests UPS's specs allow").isEmpty();
    }

    @Test
    void aContainerAsksRatingOnceForTheSameShipmentAskedAgainWithinMinutes() {
        UpsClients clients = clients(new BestWay(3, null));
        int ratingBefore = ups.sandbox().requests(Operation.RATING);

        CreatedShipment first = clients.shipping().create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));
        CreatedShipment second = clients.shipping().create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));
        clients.shipping().create(List.of(Releases.release(Releases.nextOrder(), 1, "CHI", "UPS BEST", Releases.TORONTO, "40")));

        assertThat(second.charges()).isEqualTo(first.charges());
        assertThat(ups.sandbox().requests(Operation.RATING) - ratingBefore)
                .as("two orders of the same part to the same customer: one question; a heavier one: another")
                .isEqualTo(2);
    }

    @Test
    void noServiceWithinTheLimitFailsBeforeShipping() {
        int shipBefore = ups.sandbox().requests(Operation.SHIP);

        assertThatThrownBy(() -> clients(new BestWay(1, Set.of("65", "08"))).shipping()
                .create(List.of(Releases.release("CHI", "UPS BEST", Releases.BERLIN))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("NO_SERVICE_WITHIN_TRANSIT");
                    assertThat(e.getMessage()).contains("'UPS BEST'").contains("US -> DE").contains("within 1 business days")
                            .contains("65 at").contains("ups.bestWay.UPS BEST.maxTransitDays");
                });
        assertThat(ups.sandbox().requests(Operation.SHIP)).as("nothing shipped").isEqualTo(shipBefore);
    }

    /** Shipping on Monday 2026-12-07 (ups.eventTimeZone UTC): 1 business day arrives Tuesday, 3 Thursday, 5 next Monday. */
    private static final Clock MONDAY = Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC);

    private UpsShippingClient shippingOnMonday(BestWay rule) {
        return new UpsShippingClient(clients(rule).http(), MONDAY);
    }

    private static ShippableRelease toNewYorkNeededBy(LocalDate needBy) {
        return Releases.release("CHI", "UPS BEST", Releases.NEW_YORK).withNeedByDate(needBy);
    }

    private static String service(CreatedShipment shipment) throws Exception {
        return Json.mapper().readTree(shipment.requestBody()).at("/ShipmentRequest/Shipment/Service/Code").asText();
    }

    /**
     * byNeedByDate: the cheapest service whose delivery date (UPS's, Rating with time in transit) is on or before the
     * release's NeedByDate. Two releases on the same lane, needed by different dates, ship on different services.
     */
    @Test
    void byNeedByDateShipsOnTheCheapestServiceDeliveredByTheReleasesNeedByDate() throws Exception {
        UpsShippingClient shipping = shippingOnMonday(new BestWay(null, null, true));
        int ratingBefore = ups.sandbox().requests(Operation.RATING);

        CreatedShipment relaxed = shipping.create(List.of(toNewYorkNeededBy(LocalDate.parse("2026-12-31"))));
        CreatedShipment byThursday = shipping.create(List.of(toNewYorkNeededBy(LocalDate.parse("2026-12-10"))));
        CreatedShipment byTuesday = shipping.create(List.of(toNewYorkNeededBy(LocalDate.parse("2026-12-08"))));

        assertThat(service(relaxed)).as("Ground arrives Monday 14th, in time").isEqualTo("03");
        assertThat(service(byThursday)).as("3 Day Select arrives Thursday 10th; Ground would be late").isEqualTo("12");
        assertThat(service(byTuesday)).as("a next-day service: Next Day Air Saver is the cheapest").isEqualTo("13");
        assertThat(byThursday.auditNotes()).anySatisfy(n -> assertThat(n).startsWith("Best Way: 12 at")
                .contains("arrives 2026-12-10").contains("by 2026-12-10 (the release's NeedByDate)")
                .contains("03 at").contains("arrives 2026-12-14"));
        assertThat(ups.sandbox().requests(Operation.RATING) - ratingBefore)
                .as("the same shipment picked up the same day: UPS's one answer serves the three").isEqualTo(1);
        assertThat(ups.sandbox().validationFailures()).as("Rating with time in transit as UPS's spec allows").isEmpty();
    }

    @Test
    void aNeedByDateNoServiceMeetsFailsNamingTheDate() {
        int shipBefore = ups.sandbox().requests(Operation.SHIP);

        assertThatThrownBy(() -> shippingOnMonday(new BestWay(null, null, true))
                .create(List.of(toNewYorkNeededBy(LocalDate.parse("2026-12-07")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("NO_SERVICE_WITHIN_TRANSIT");
                    assertThat(e.getMessage()).contains("arrives by 2026-12-07 (the release's NeedByDate)")
                            .contains("01 at").contains("arrives 2026-12-08").contains("Move the release's NeedByDate");
                });
        assertThat(ups.sandbox().requests(Operation.SHIP)).as("nothing shipped").isEqualTo(shipBefore);
    }

    /**
     * A NeedByDate before the ship date, or none, cannot limit: the release fails with its own reason before any UPS
     * call, unless the rule has maxTransitDays to fall back on (then the note says so).
     */
    @Test
    void aPassedOrMissingNeedByDateFailsBeforeAnyUpsCallUnlessMaxTransitDaysIsTheFallback() throws Exception {
        int ratingBefore = ups.sandbox().requests(Operation.RATING);
        UpsShippingClient byDateOnly = shippingOnMonday(new BestWay(null, null, true));

        assertThatThrownBy(() -> byDateOnly.checkBeforeAnyCall(List.of(toNewYorkNeededBy(LocalDate.parse("2026-12-04")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("NEED_BY_DATE_PASSED");
                    assertThat(e.getMessage()).contains("NeedByDate 2026-12-04").contains("ship date 2026-12-07")
                            .contains("ups.bestWay.UPS BEST.byNeedByDate");
                });
        assertThatThrownBy(() -> byDateOnly.create(List.of(toNewYorkNeededBy(null))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode()).isEqualTo("NO_NEED_BY_DATE"));
        assertThat(ups.sandbox().requests(Operation.RATING)).as("no UPS call").isEqualTo(ratingBefore);

        CreatedShipment fallback = shippingOnMonday(new BestWay(2, null, true))
                .create(List.of(toNewYorkNeededBy(LocalDate.parse("2026-12-04"))));
        assertThat(service(fallback)).as("the cheapest within 2 business days").isEqualTo("02");
        assertThat(fallback.auditNotes()).anySatisfy(n -> assertThat(n).contains("within 2 business days")
                .contains("is before the ship date 2026-12-07").contains("maxTransitDays instead"));
    }
}
