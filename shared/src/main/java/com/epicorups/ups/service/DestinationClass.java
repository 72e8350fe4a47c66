package com.epicorups.ups.service;

import java.util.Locale;

/**
 * Where a release goes, seen from its warehouse, as ups.serviceMap names it: the warehouse's own country (and US <->
 * PR, which UPS serves with its US domestic services), Canada, Mexico, or anywhere else.
 */
public enum DestinationClass {
    DOMESTIC, CANADA, MEXICO, INTERNATIONAL;

    /** The class of a lane, both countries ISO alpha-2. */
    public static DestinationClass of(String origin, String destination) {
        if (origin.equals(destination) || isUsOrPr(origin) && isUsOrPr(destination)) {
            return DOMESTIC;
        }
        return switch (destination) {
            case "CA" -> CANADA;
            case "MX" -> MEXICO;
            default -> INTERNATIONAL;
        };
    }

    /** The name in ups.serviceMap and in messages: domestic, canada, mexico, international. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static boolean isUsOrPr(String country) {
        return "US".equals(country) || "PR".equals(country);
    }
}
