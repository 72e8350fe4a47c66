package com.epicorups.ups.rate;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.ups.service.BestWay;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the Best Way service: among the services Rating Shop priced (and the rule's {@code services}, when listed),
 * those that meet the release's {@link TransitLimit} (business days, or its NeedByDate), the cheapest; on equal
 * charges the faster. None: NO_SERVICE_WITHIN_TRANSIT, naming the limit and what UPS offered.
 */
public final class BestWayChoice {

    private BestWayChoice() {
    }

    public static RatedService choose(String shipVia, BestWay rule, List<RatedService> rated, String lane) {
        return choose(shipVia, rule, new TransitLimit(rule.maxTransitDays(), null, null), rated, lane);
    }

    public static RatedService choose(String shipVia, BestWay rule, TransitLimit limit, List<RatedService> rated,
                                      String lane) {
        Optional<RatedService> cheapest = rated.stream()
                .filter(r -> rule.services().isEmpty() || rule.services().contains(r.service()))
                .filter(limit::admits)
                .min(Comparator.comparing(RatedService::charge)
                        .thenComparing(r -> r.transitDays() == null ? Integer.MAX_VALUE : r.transitDays()));
        String raise = limit.needsDeliveryDates() ? "Move the release's NeedByDate"
                : "Raise ups.bestWay." + shipVia + ".maxTransitDays";
        return cheapest.orElseThrow(() -> new ConnectorException(Reason.NO_SERVICE_WITHIN_TRANSIT,
                "Best Way ShipVia '" + shipVia + "': no service UPS offers on lane " + lane + " arrives "
                        + limit.describe() + (rule.services().isEmpty() ? "" : " among " + rule.services())
                        + "; UPS offered: "
                        + (rated.isEmpty() ? "nothing" : String.join("; ", rated.stream().map(RatedService::describe).toList()))
                        + ". " + raise + " or give the release another ShipVia."));
    }
}
