package com.epicorups.ups.service;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import java.util.Set;

/**
 * The service a release ships with: its ShipVia's service for the release's destination class, if UPS offers it
 * between the warehouse's country and the ship-to's. Otherwise the release fails SERVICE_NOT_ON_LANE before any UPS
 * call, naming the ShipVia, the lane and the services that would do; no other service is ever put in its place.
 */
public final class LaneServiceChoice {

    private LaneServiceChoice() {
    }

    /**
     * @param shipVia     the release's ShipVia as Epicor has it (blank: the default service)
     * @param mapping     its entry in ups.serviceMap, or the default service
     * @param origin      the warehouse's country
     * @param destination the ship-to's country
     */
    public static String service(String shipVia, ShipViaService mapping, String origin, String destination) {
        DestinationClass destinationClass = DestinationClass.of(origin, destination);
        String service = mapping.forClass(destinationClass);
        Set<String> offered = LaneServices.offered(origin, destination);
        if (service != null && offered.contains(service)) {
            return service;
        }
        String name = shipVia == null || shipVia.isBlank() ? "(blank ShipVia: ups.defaultServiceCode)" : "'" + shipVia.trim() + "'";
        String what = service == null
                ? "ShipVia " + name + " has no service for " + destinationClass.key() + " destinations in ups.serviceMap"
                : "ShipVia " + name + " maps to UPS service " + service + describedName(service)
                        + ", which UPS does not offer from " + origin + " to " + destination;
        throw new ConnectorException(Reason.SERVICE_NOT_ON_LANE, what + " (lane " + origin + " -> " + destination
                + ", destination class " + destinationClass.key() + "); services UPS offers on this lane: "
                + LaneServices.describe(offered) + ". Map the ShipVia per destination class in ups.serviceMap, e.g. {\""
                + destinationClass.key() + "\": \"" + (offered.isEmpty() ? "..." : offered.iterator().next())
                + "\"}, or give the release another ShipVia.");
    }

    private static String describedName(String service) {
        String described = LaneServices.describe(Set.of(service));
        return described.equals(service) ? "" : described.substring(service.length());
    }
}
