package com.epicorups.sandbox.ups;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The UPS services offered between an origin and a destination country, for the lanes the connector ships (README
 * "Services per lane", with sources). Where the offer is uncertain the stricter reading is taken: the service is
 * not offered. An origin outside US, CA and PR is not known and offers nothing.
 */
final class ServiceLanes {

    /** US domestic: Next Day Air, 2nd Day Air, Ground, 3 Day Select, NDA Saver, NDA Early, 2nd Day Air A.M. */
    static final Set<String> US_DOMESTIC = Set.of("01", "02", "03", "12", "13", "14", "59");
    /** US <-> PR (and within PR): Next Day Air and 2nd Day Air; Ground and the others are uncertain, so refused. */
    static final Set<String> PUERTO_RICO = Set.of("01", "02");
    /** US to Canada or Mexico, and Canada to the US: Standard, Express, Expedited, Express Plus, Saver. */
    static final Set<String> NEIGHBOUR = Set.of("07", "08", "11", "54", "65");
    /** Any other export: the Worldwide services Express, Expedited, Express Plus, Saver. */
    static final Set<String> WORLDWIDE = Set.of("07", "08", "54", "65");
    /** Canada domestic: Express (01), Expedited (02), Standard (11), Express Saver (13), Express Early (14). */
    static final Set<String> CANADA_DOMESTIC = Set.of("01", "02", "11", "13", "14");

    /** Rough business days in transit per service, for Rating Shop's deterministic answers. */
    static final Map<String, Integer> TRANSIT_DAYS = Map.ofEntries(
            Map.entry("01", 1), Map.entry("02", 2), Map.entry("03", 5), Map.entry("12", 3), Map.entry("13", 1),
            Map.entry("14", 1), Map.entry("59", 2), Map.entry("07", 2), Map.entry("08", 5), Map.entry("11", 6),
            Map.entry("54", 1), Map.entry("65", 3));

    private ServiceLanes() {
    }

    /** The services UPS offers from {@code origin} to {@code destination} (ISO alpha-2 codes), sorted. */
    static Set<String> offered(String origin, String destination) {
        Set<String> services = switch (origin) {
            case "US" -> switch (destination) {
                case "US" -> US_DOMESTIC;
                case "PR" -> PUERTO_RICO;
                case "CA", "MX" -> NEIGHBOUR;
                default -> WORLDWIDE;
            };
            case "PR" -> switch (destination) {
                case "US", "PR" -> PUERTO_RICO;
                default -> WORLDWIDE;
            };
            case "CA" -> switch (destination) {
                case "CA" -> CANADA_DOMESTIC;
                case "US" -> NEIGHBOUR;
                default -> WORLDWIDE;
            };
            default -> Set.of();
        };
        return new TreeSet<>(services);
    }

    /** The refusal UPS answers for a service not offered on the lane, or empty. */
    static Optional<Reply> check(String service, String origin, String destination) {
        Set<String> offered = offered(origin, destination);
        if (offered.contains(service)) {
            return Optional.empty();
        }
        return Optional.of(Reply.error(400, ShipRules.SERVICE_NOT_ON_LANE,
                "The requested service is unavailable between the selected locations: service " + service + " from "
                        + origin + " to " + destination + (offered.isEmpty() ? " (no UPS service known from " + origin + ")"
                        : " (offered: " + String.join(", ", List.copyOf(offered)) + ")")));
    }
}
