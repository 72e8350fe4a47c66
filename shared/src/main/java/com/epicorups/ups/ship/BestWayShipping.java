package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.rate.BestWayChoice;
import com.epicorups.ups.rate.RateShopRequest;
import com.epicorups.ups.rate.RatedService;
import com.epicorups.ups.rate.TransitLimit;
import com.epicorups.ups.rate.UpsRatingClient;
import com.epicorups.ups.service.BestWay;
import com.epicorups.ups.service.LaneServices;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ship request of a Best Way release (a ShipVia in ups.bestWay): one Rating Shop call for the shipment as it
 * would be sent (with time in transit when the limit is the release's NeedByDate), the cheapest service within the
 * release's {@link TransitLimit} ({@link BestWayChoice}), and the request made for that service. The choice travels
 * with the request (audit note, charges) so that it is audited and written back.
 */
final class BestWayShipping {
    /** Charges keys of the chosen service: its code and its rated charge ("82.50 USD"). */
    static final String SERVICE = CreatedShipment.CHOSEN_SERVICE;
    static final String CHARGE = CreatedShipment.CHOSEN_CHARGE;

    private final UpsSettings settings;
    private final ShipmentRequestMapper mapper;
    private final UpsRatingClient rating;

    BestWayShipping(UpsSettings settings, ShipmentRequestMapper mapper, UpsRatingClient rating) {
        this.settings = settings;
        this.mapper = mapper;
        this.rating = rating;
    }

    /** The rule of a release's ShipVia, or null when the ShipVia is not rate-shopped. */
    BestWay ruleFor(ShippableRelease release) {
        String shipVia = release.shipViaCode() == null ? "" : release.shipViaCode().trim();
        return settings.bestWay().get(shipVia);
    }

    record Chosen(ShipmentRequestMapper.Mapped mapped, RatedService service, List<RatedService> offered,
                  TransitLimit limit) {
    }

    /**
     * What a Best Way release is priced with, found without a UPS call: its lane's services, the service the request
     * is priced on, and its transit limit. A lane with no known service (SERVICE_NOT_ON_LANE) or a NeedByDate limit
     * the release cannot have (NO_NEED_BY_DATE, NEED_BY_DATE_PASSED) fails here.
     */
    record Plan(String shipVia, String lane, Set<String> offered, String provisional, TransitLimit limit) {
    }

    Plan plan(ShippableRelease first, LocalDate shipDate, BestWay rule) {
        String shipVia = first.shipViaCode().trim();
        String origin = settings.warehouse(first.warehouse()).countryCode();
        String destination = first.shipTo() == null || first.shipTo().countryCode() == null ? ""
                : first.shipTo().countryCode().trim().toUpperCase(Locale.ROOT);
        String lane = origin + " -> " + destination;
        Set<String> offered = LaneServices.offered(origin, destination);
        // The request is priced as it would ship; any service of the lane but Early (whose ShipTo rules differ) will do.
        String provisional = offered.stream().filter(s -> !"14".equals(s)).findFirst().orElseThrow(() ->
                new ConnectorException(Reason.SERVICE_NOT_ON_LANE, "Best Way ShipVia '" + shipVia + "': no UPS service is "
                        + "known on lane " + lane + " (services per lane: docs/configuration.md)"));
        return new Plan(shipVia, lane, offered, provisional, TransitLimit.of(shipVia, rule, first, shipDate));
    }

    Chosen map(List<ShippableRelease> releases, LocalDate shipDate, BestWay rule) {
        ShippableRelease first = releases.get(0);
        Plan plan = plan(first, shipDate, rule);
        ShipmentRequestMapper.Mapped priced = mapper.map(releases, shipDate, plan.provisional());
        RateShopRequest.TimeInTransit transit = plan.limit().needsDeliveryDates() ? new RateShopRequest.TimeInTransit(
                shipDate, ShipmentRequestMapper.total(releases), ShipmentRequestMapper.currency(first)) : null;
        List<RatedService> rated = rating.shop(priced.body(), priced.merchantId(), transit).stream()
                .filter(r -> plan.offered().contains(r.service())).toList();
        RatedService chosen = BestWayChoice.choose(plan.shipVia(), rule, plan.limit(), rated, plan.lane());
        return new Chosen(mapper.map(releases, shipDate, chosen.service()), chosen, rated, plan.limit());
    }
}
