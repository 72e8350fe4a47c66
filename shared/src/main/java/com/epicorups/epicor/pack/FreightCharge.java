package com.epicorups.epicor.pack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The customer's freight charge on a shipped pack (epicor.packs.customerFreight): a miscellaneous charge (ShipMisc)
 * with the shop's misc charge code, of UPS's freight marked up. Epicor carries a pack's misc charges to its invoice.
 *
 * @param miscCode      the MiscChrg code the charge is billed with (Misc Charge Maintenance), e.g. FRT
 * @param markupPercent the markup in percent of UPS's freight, 0 for none
 * @param markupAmount  a flat amount added after the percentage, 0 for none
 */
public record FreightCharge(String miscCode, BigDecimal markupPercent, BigDecimal markupAmount) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public FreightCharge {
        Objects.requireNonNull(miscCode, "miscCode");
        if (miscCode.isBlank()) {
            throw new IllegalArgumentException("a freight charge needs a misc charge code");
        }
        markupPercent = Objects.requireNonNullElse(markupPercent, BigDecimal.ZERO);
        markupAmount = Objects.requireNonNullElse(markupAmount, BigDecimal.ZERO);
        if (markupPercent.signum() < 0 || markupAmount.signum() < 0) {
            throw new IllegalArgumentException("a freight markup cannot be negative");
        }
    }

    /** What the customer is charged for {@code freight}: freight x (1 + percent/100) + flat, half-up to cents. */
    public BigDecimal amount(BigDecimal freight) {
        BigDecimal marked = freight.multiply(BigDecimal.ONE.add(markupPercent.divide(HUNDRED)));
        return marked.add(markupAmount).setScale(2, RoundingMode.HALF_UP);
    }
}
