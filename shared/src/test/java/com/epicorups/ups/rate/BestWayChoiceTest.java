package com.epicorups.ups.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import com.epicorups.ups.service.BestWay;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BestWayChoiceTest {

    @Test
    void theNegotiatedChargeCountsWhenUpsGivesOneAndAServiceWithoutTransitDaysIsNotTakenUnderALimit() throws Exception {
        List<RatedService> rated = UpsRatingClient.rated(Json.mapper().readTree("""
                {"RateResponse":{"RatedShipment":[
                 {"Service":{"Code":"08"},"TotalCharges":{"CurrencyCode":"USD","MonetaryValue":"50.00"},
                  "GuaranteedDelivery":{"BusinessDaysInTransit":"5"}},
                 {"Service":{"Code":"65"},"TotalCharges":{"CurrencyCode":"USD","MonetaryValue":"70.00"},
                  "NegotiatedRateCharges":{"TotalCharge":{"CurrencyCode":"USD","MonetaryValue":"42.00"}},
                  "GuaranteedDelivery":{"BusinessDaysInTransit":"3"}},
                 {"Service":{"Code":"11"},"TotalCharges":{"CurrencyCode":"USD","MonetaryValue":"20.00"}}]}}"""));

        assertThat(rated).extracting(RatedService::service, RatedService::charge, RatedService::negotiated,
                RatedService::transitDays).containsExactly(
                org.assertj.core.groups.Tuple.tuple("08", new BigDecimal("50.00"), false, 5),
                org.assertj.core.groups.Tuple.tuple("65", new BigDecimal("42.00"), true, 3),
                org.assertj.core.groups.Tuple.tuple("11", new BigDecimal("20.00"), false, null));
        assertThat(BestWayChoice.choose("UPBW", new BestWay(null, null), rated, "US -> CA").service())
                .as("no limit: the cheapest").isEqualTo("11");
        assertThat(BestWayChoice.choose("UPBW", new BestWay(5, null), rated, "US -> CA").service())
                .as("11 gives no transit days; 65 negotiated beats 08's published charge").isEqualTo("65");
        assertThat(BestWayChoice.choose("UPBW", new BestWay(5, Set.of("08")), rated, "US -> CA").service()).isEqualTo("08");
        assertThatThrownBy(() -> BestWayChoice.choose("UPBW", new BestWay(2, null), rated, "US -> CA"))
                .hasMessageContaining("no service UPS offers on lane US -> CA arrives within 2 business days")
                .hasMessageContaining("65 at 42.00 USD (negotiated), 3 business days");
    }

    /** UPS's delivery date (TimeInTransit) decides a NeedByDate limit; a service without one is not taken under it. */
    @Test
    void aNeedByDateLimitTakesTheDeliveryDateUpsGaveWithTimeInTransit() throws Exception {
        List<RatedService> rated = UpsRatingClient.rated(Json.mapper().readTree("""
                {"RateResponse":{"RatedShipment":[
                 {"Service":{"Code":"03"},"TotalCharges":{"CurrencyCode":"USD","MonetaryValue":"15.00"},
                  "TimeInTransit":{"PickupDate":"20261204","ServiceSummary":{"Service":{"Description":"UPS Ground"},
                   "EstimatedArrival":{"Arrival":{"Date":"20261211"},"BusinessDaysInTransit":"5",
                    "Pickup":{"Date":"20261204"},"DayOfWeek":"FRI"}}}},
                 {"Service":{"Code":"12"},"TotalCharges":{"CurrencyCode":"USD","MonetaryValue":"25.00"},
                  "GuaranteedDelivery":{"BusinessDaysInTransit":"3"},
                  "TimeInTransit":{"PickupDate":"20261204","ServiceSummary":{"Service":{"Description":"UPS 3 Day Select"},
                   "EstimatedArrival":{"Arrival":{"Date":"20261209"},"BusinessDaysInTransit":"3",
                    "Pickup":{"Date":"20261204"},"DayOfWeek":"WED"}}}},
                 {"Service":{"Code":"02"},"TotalCharges":{"CurrencyCode":"USD","MonetaryValue":"20.00"},
                  "GuaranteedDelivery":{"BusinessDaysInTransit":"2"}}]}}"""));

        assertThat(rated).extracting(RatedService::service, RatedService::transitDays, RatedService::arrival)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("03", 5, LocalDate.parse("2026-12-11")),
                        org.assertj.core.groups.Tuple.tuple("12", 3, LocalDate.parse("2026-12-09")),
                        org.assertj.core.groups.Tuple.tuple("02", 2, null));
        BestWay byDate = new BestWay(null, null, true);
        assertThat(BestWayChoice.choose("UPBW", byDate, new TransitLimit(null, LocalDate.parse("2026-12-11"), null),
                rated, "US -> US").service()).as("Ground arrives on the day").isEqualTo("03");
        assertThat(BestWayChoice.choose("UPBW", byDate, new TransitLimit(null, LocalDate.parse("2026-12-10"), null),
                rated, "US -> US").service()).as("02 is cheaper but UPS gave no date for it").isEqualTo("12");
        assertThatThrownBy(() -> BestWayChoice.choose("UPBW", byDate,
                new TransitLimit(null, LocalDate.parse("2026-12-08"), null), rated, "US -> US"))
                .hasMessageContaining("arrives by 2026-12-08 (the release's NeedByDate)")
                .hasMessageContaining("12 at 25.00 USD (published), 3 business days, arrives 2026-12-09");
    }
}
