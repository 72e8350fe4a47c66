package com.epicorups.epicor.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The customer's freight charge of a pack: UPS's freight x (1 + markup%) + flat, half-up to cents. */
class FreightChargeTest {

    private static BigDecimal charge(String percent, String flat, String freight) {
        return new FreightCharge("FRT", percent == null ? null : new BigDecimal(percent),
                flat == null ? null : new BigDecimal(flat)).amount(new BigDecimal(freight));
    }

    @Test
    void marksUpByThePercentageAndRoundsHalfUpToCents() {
        assertThat(charge("10", null, "14.03")).isEqualByComparingTo("15.43"); // 15.433
        assertThat(charge("10", null, "10.05")).isEqualByComparingTo("11.06"); // 11.055, half up
        assertThat(charge("10", null, "48.37")).isEqualByComparingTo("53.21"); // 53.207
        assertThat(charge("12.5", null, "20")).isEqualByComparingTo("22.50");
        assertThat(charge("10", null, "14.03").scale()).isEqualTo(2);
    }

    @Test
    void addsTheFlatAmountAfterThePercentage() {
        assertThat(charge("10", "2.50", "14.03")).isEqualByComparingTo("17.93"); // 15.433 + 2.50
        assertThat(charge(null, "5", "14.03")).isEqualByComparingTo("19.03");
        assertThat(charge(null, null, "14.035")).as("no markup: UPS's freight, to cents").isEqualByComparingTo("14.04");
    }

    @Test
    void refusesANegativeMarkupAndABlankCode() {
        assertThatThrownBy(() -> new FreightCharge("FRT", new BigDecimal("-1"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FreightCharge("FRT", null, new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FreightCharge(" ", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteBackWithoutAKnownFreightChargesNothing() {
        FreightCharge frt = new FreightCharge("FRT", BigDecimal.TEN, null);
        PackWriteBack known = new PackWriteBack("1Z1", "1Z1", new BigDecimal("14.03"), List.of(), false)
                .withCustomerFreight(frt);
        assertThat(known.customerCharge()).isEqualByComparingTo("15.43");
        assertThat(known.withCustomerFreight(null).customerCharge()).isNull();
        assertThat(new PackWriteBack("1Z1", "1Z1", null, List.of(), false).withCustomerFreight(frt)
                .customerCharge()).isNull();
    }
}
