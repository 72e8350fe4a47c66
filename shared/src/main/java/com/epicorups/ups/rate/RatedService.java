package com.epicorups.ups.rate;

import java.math.BigDecimal;

/**
 * One service of a Rating Shop answer.
 *
 * @param charge      the negotiated total when UPS gave one, else the published total
 * @param negotiated  whether {@code charge} is the negotiated one
 * @param transitDays UPS's BusinessDaysInTransit; null when UPS gave none
 */
public record RatedService(String service, BigDecimal charge, String currency, boolean negotiated, Integer transitDays) {

    /** "65 at 82.50 USD (negotiated), 4 business days" for audit notes and messages. */
    public String describe() {
        return service + " at " + charge.toPlainString() + " " + currency + (negotiated ? " (negotiated)" : " (published)")
                + ", " + (transitDays == null ? "transit days not given" : transitDays + " business days");
    }
}
