package com.epicorups.ups.service;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The UPS services offered between an origin and a destination country, for the lanes the connector ships: US
 * domestic, US <-> PR, US to Canada, Mexico and elsewhere, and the same from a Canadian or Puerto Rican warehouse
 * (UPS Rate and Service Guide, domestic and export services; docs/configuration.md "Services per lane", the UPS
 * sandbox README has the same table and its sources). Where the offer is uncertain (Ground to or from Puerto Rico)
 * the stricter reading is taken: not offered. An origin outside US, CA and PR offers nothing known.
 */
public final class LaneServices {
    private static final Set<String> US_DOMESTIC = Set.of("01", "02", "03", "12", "13", "14", "59");
    private static final Set<String> PUERTO_RICO = Set.of("01", "02");
    private static final Set<String> NEIGHBOUR = Set.of("07", "08", "11", "54", "65");
    private static final Set<String> WORLDWIDE = Set.of("07", "08", "54", "65");
    private static final Set<String> CANADA_DOMESTIC = Set.of("01", "02", "11", "13", "14");

    /** Names for messages (UPS's names from a US origin). */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("01", "Next Day Air"), Map.entry("02", "2nd Day Air"), Map.entry("03", "Ground"),
            Map.entry("07", "Worldwide Express"), Map.entry("08", "Worldwide Expedited"), Map.entry("11", "Standard"),
            Map.entry("12", "3 Day Select"), Map.entry("13", "Next Day Air Saver"), Map.entry("14", "Next Day Air Early"),
            Map.entry("54", "Worldwide Express Plus"), Map.entry("59", "2nd Day Air A.M."), Map.entry("65", "Saver"));

    private LaneServices() {
    }

    /** The service codes UPS offers from {@code origin} to {@code destination}, sorted. */
    public static Set<String> offered(String origin, String destination) {
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

    public static boolean offers(String origin, String destination, String service) {
        return offered(origin, destination).contains(service);
    }

    /** "07 (Worldwide Express), 08 (...)" for messages. */
    public static String describe(Set<String> services) {
        if (services.isEmpty()) {
            return "none known";
        }
        StringBuilder out = new StringBuilder();
        for (String code : new TreeSet<>(services)) {
            out.append(out.isEmpty() ? "" : ", ").append(code);
            String name = NAMES.get(code);
            if (name != null) {
                out.append(" (").append(name).append(')');
            }
        }
        return out.toString();
    }
}
