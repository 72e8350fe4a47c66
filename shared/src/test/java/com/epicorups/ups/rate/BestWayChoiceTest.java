package com.epicorups.ups.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import com.epicorups.ups.service.BestWay;
import java.math.BigDecimal;
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
}
