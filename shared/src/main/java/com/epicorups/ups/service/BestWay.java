package com.epicorups.ups.service;

import com.epicorups.core.settings.SettingsBinder;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A rate-shopped ShipVia in ups.bestWay ({@code "UPBW": {"maxTransitDays": 3}}, or {@code {"byNeedByDate": true}}):
 * its releases ship on the cheapest service UPS's Rating Shop offers on their lane (the negotiated charge when UPS
 * gives one) that arrives in time: within {@code maxTransitDays} business days (UPS's {@code BusinessDaysInTransit}),
 * or, with {@code byNeedByDate}, by the release's OrderRel.NeedByDate (UPS's own delivery date, time in transit);
 * when both are set, the NeedByDate rules and {@code maxTransitDays} is the fallback for a release without a usable
 * one. A service UPS gives no transit time for is not taken when a limit is set. {@code services} narrows the
 * candidates (empty: every service of the lane).
 */
public record BestWay(Integer maxTransitDays, Set<String> services, Boolean byNeedByDate) {

    public BestWay {
        services = services == null ? Set.of() : Set.copyOf(services.stream().map(String::trim).toList());
    }

    /** A rule limited by business days only (or not at all). */
    public BestWay(Integer maxTransitDays, Set<String> services) {
        this(maxTransitDays, services, null);
    }

    /** For the settings reader: the components in declaration order. */
    private BestWay(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next());
    }

    /** Whether the release's NeedByDate is the limit. */
    public boolean limitedByNeedByDate() {
        return Boolean.TRUE.equals(byNeedByDate);
    }

    public void check(String where, List<String> problems) {
        if (maxTransitDays != null && maxTransitDays < 1) {
            problems.add(where + ".maxTransitDays must be at least 1 business day, was " + maxTransitDays);
        }
        services.stream().filter(Objects::nonNull).filter(code -> !code.matches("[0-9A-Za-z]{2,3}"))
                .forEach(code -> problems.add(where + ".services has '" + code + "', not a UPS service code"));
    }
}
