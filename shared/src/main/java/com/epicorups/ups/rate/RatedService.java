package com.epicorups.ups.rate;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One service of a Rating Shop answer.
 *
 * @param charge      the negotiated total when UPS gave one, else the published total
 * @param negotiated  whether {@code charge} is the negotiated one
 * @param transitDays UPS's BusinessDaysInTransit; null when UPS gave none
 * @param arrival     the delivery date UPS gave with time in transit (TimeInTransit's EstimatedArrival); null when
 *                    time in transit was not asked for or UPS gave none
 */
public record RatedService(String service, BigDecimal charge, String currency, boolean negotiated, Integer transitDays,
                           LocalDate arrival) {

    /** A service priced without time in transit. */
    public RatedService(String service, BigDecimal charge, String currency, boolean negotiated, Integer transitDays) {
        this(service, charge, currency, negotiated, transitDays, null);
    }

    /** "65 at 82.50 USD (negotiated), 4 business days, arrives 2026-12-10" for audit notes and messages. */
    public String describe() {
        return service + " at " + charge.toPlainString() + " " + currency + (negotiated ? " (negotiated)" : " (published)")
                + ", " + (transitDays == null ? "transit days not given" : transitDays + " business days")
                + (arrival == null ? "" : ", arrives " + arrival);
    }
}
