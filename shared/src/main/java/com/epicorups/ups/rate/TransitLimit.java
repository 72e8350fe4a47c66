package com.epicorups.ups.rate;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import com.epicorups.ups.service.BestWay;
import java.time.LocalDate;

/**
 * When a Best Way service must arrive for one release: within {@code businessDays} (ups.bestWay's maxTransitDays,
 * against UPS's BusinessDaysInTransit), or {@code by} a date (the release's NeedByDate, against the delivery date UPS
 * gives with time in transit: UPS's own calendar, weekends and holidays included, so none is computed here), or no
 * limit. {@code note} says why the limit is not the one the rule names first (a fallback), for the audit.
 */
public record TransitLimit(Integer businessDays, LocalDate by, String note) {

    /**
     * The limit of {@code release} shipped on {@code shipDate} under {@code rule}. With byNeedByDate, a NeedByDate on
     * or after the ship date is the limit; a missing or earlier one falls back to maxTransitDays when the rule has
     * it, and otherwise fails the release (NO_NEED_BY_DATE, NEED_BY_DATE_PASSED) before any UPS call.
     */
    public static TransitLimit of(String shipVia, BestWay rule, ShippableRelease release, LocalDate shipDate) {
        if (!rule.limitedByNeedByDate()) {
            return new TransitLimit(rule.maxTransitDays(), null, null);
        }
        LocalDate needBy = release.needByDate();
        if (needBy != null && !needBy.isBefore(shipDate)) {
            return new TransitLimit(null, needBy, null);
        }
        String why = needBy == null ? "release " + release.key() + " has no NeedByDate in Epicor (OrderRel.NeedByDate)"
                : "the NeedByDate " + needBy + " of release " + release.key() + " is before the ship date " + shipDate
                        + " (today in ups.eventTimeZone): no service can arrive by it";
        if (rule.maxTransitDays() != null) {
            return new TransitLimit(rule.maxTransitDays(), null, why + "; limited to ups.bestWay." + shipVia
                    + ".maxTransitDays instead");
        }
        throw new ConnectorException(needBy == null ? Reason.NO_NEED_BY_DATE : Reason.NEED_BY_DATE_PASSED,
                "Best Way ShipVia '" + shipVia + "' ships by the release's NeedByDate (ups.bestWay." + shipVia
                        + ".byNeedByDate), but " + why + ". " + (needBy == null ? "Set the release's NeedByDate"
                        : "Move the release's NeedByDate") + ", give ups.bestWay." + shipVia + " a maxTransitDays to "
                        + "fall back on, or give the release another ShipVia.");
    }

    /** Whether UPS's answer for a service meets the limit (a service without the transit figure needed does not). */
    public boolean admits(RatedService rated) {
        if (by != null) {
            return rated.arrival() != null && !rated.arrival().isAfter(by);
        }
        return businessDays == null || rated.transitDays() != null && rated.transitDays() <= businessDays;
    }

    /** Whether the limit needs UPS's delivery dates (Rating with time in transit). */
    public boolean needsDeliveryDates() {
        return by != null;
    }

    public boolean limits() {
        return by != null || businessDays != null;
    }

    /** "within 3 business days", "by 2026-12-10 (the release's NeedByDate)" for messages. */
    public String describe() {
        return by != null ? "by " + by + " (the release's NeedByDate)"
                : businessDays != null ? "within " + businessDays + " business days" : "without a limit";
    }
}
