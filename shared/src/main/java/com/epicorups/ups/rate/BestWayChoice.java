package com.epicorups.ups.rate;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.ups.service.BestWay;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the Best Way service: among the services Rating Shop priced (and the rule's {@code services}, when listed),
 * those that arrive within the rule's business days (a service without a transit time does not, when a limit is
 * set), the cheapest; on equal charges the faster. None: NO_SERVICE_WITHIN_TRANSIT, naming what UPS offered.
 */
public final class BestWayChoice {

    private BestWayChoice() {
    }

    public static RatedService choose(String shipVia, BestWay rule, List<RatedService> rated, String lane) {
        Optional<RatedService> cheapest = rated.stream()
                .filter(r -> rule.services().isEmpty() || rule.services().contains(r.service()))
                .filter(r -> rule.maxTransitDays() == null
                        || r.transitDays() != null && r.transitDays() <= rule.maxTransitDays())
                .min(Comparator.comparing(RatedService::charge)
                        .thenComparing(r -> r.transitDays() == null ? Integer.MAX_VALUE : r.transitDays()));
        return cheapest.orElseThrow(() -> new ConnectorException(Reason.NO_SERVICE_WITHIN_TRANSIT,
                "Best Way ShipVia '" + shipVia + "': no service UPS offers on lane " + lane + " arrives within "
                        + rule.maxTransitDays() + " business days" + (rule.services().isEmpty() ? ""
                        : " among " + rule.services()) + "; UPS offered: "
                        + (rated.isEmpty() ? "nothing" : String.join("; ", rated.stream().map(RatedService::describe).toList()))
                        + ". Raise ups.bestWay." + shipVia + ".maxTransitDays or give the release another ShipVia."));
    }
}
