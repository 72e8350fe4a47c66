package com.epicorups.ups.service;

import com.epicorups.port.CheckResult;
import com.epicorups.ups.UpsSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preflight's check of ups.serviceMap against the lanes of the configured warehouses: from each warehouse's
 * country to its own country, Canada, Mexico and elsewhere (Germany stands for every country UPS serves with the
 * Worldwide services). A service named for a destination class that UPS does not offer on that class's lanes is an
 * impossible mapping, and so is a single service UPS offers on none of them: the check fails and names each. A single
 * service that serves some classes only (Ground: domestic) passes, with the classes whose releases will fail
 * SERVICE_NOT_ON_LANE in its detail; so does ups.defaultServiceCode, which has a value in every configuration (03)
 * and serves blank ShipVias only, even where UPS offers it on no lane of a warehouse.
 */
public final class ServiceLanesCheck {
    public static final String NAME = "UPS services per lane (ups.serviceMap)";
    /** How ups.defaultServiceCode is named in the findings. */
    static final String DEFAULT = "(default)";

    private ServiceLanesCheck() {
    }

    public static CheckResult check(UpsSettings settings) {
        Map<String, ShipViaService> mappings = new LinkedHashMap<>(settings.serviceMap());
        mappings.putIfAbsent(DEFAULT, ShipViaService.of(settings.defaultServiceCode()));
        List<String> impossible = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        for (UpsSettings.Warehouse warehouse : settings.warehouses().values()) {
            String origin = warehouse.countryCode();
            if (origin == null) {
                continue; // the warehouse's own check reports its missing country
            }
            Map<DestinationClass, String> lanes = lanesFrom(origin);
            mappings.forEach((shipVia, service) -> {
                List<String> unserved = new ArrayList<>();
                List<String> unservedClasses = new ArrayList<>();
                lanes.forEach((destinationClass, destination) -> {
                    String code = service.forClass(destinationClass);
                    if (code == null || LaneServices.offers(origin, destination, code)) {
                        return;
                    }
                    String lane = shipVia + " -> " + code + " " + destinationClass.key() + " from " + warehouse.code()
                            + " (" + origin + " -> " + destination + ", offered: "
                            + String.join(" ", LaneServices.offered(origin, destination)) + ")";
                    if (service.uniform()) {
                        unserved.add(lane);
                        unservedClasses.add(destinationClass.key());
                    } else {
                        impossible.add(lane);
                    }
                });
                // The default serves blank ShipVias only, and has always had a value: reported, never a failure.
                if (service.uniform() && unserved.size() == lanes.size() && !DEFAULT.equals(shipVia)) {
                    impossible.add(shipVia + " -> " + service.domestic() + " is offered on no lane from "
                            + warehouse.code() + " (" + origin + ")");
                } else if (!unserved.isEmpty()) {
                    limited.add(shipVia + " (" + service.domestic() + ") serves no "
                            + unservedClasses + " releases from "
                            + warehouse.code());
                }
            });
        }
        if (!impossible.isEmpty()) {
            return CheckResult.failed(NAME, impossible, "services UPS does not offer on the lane they are mapped to: "
                    + String.join("; ", impossible) + ".", "map each ShipVia per destination class in ups.serviceMap "
                    + "({\"domestic\": \"03\", \"canada\": \"11\", \"mexico\": \"11\", \"international\": \"65\"}) with "
                    + "a service UPS offers there (docs/configuration.md, Services per lane).");
        }
        return CheckResult.passed(NAME, "every mapped service is offered on its lanes"
                + (limited.isEmpty() ? "" : "; releases of these will fail SERVICE_NOT_ON_LANE: " + String.join("; ", limited)));
    }

    /** Each destination class a warehouse in {@code origin} may ship to, with the country that stands for it. */
    static Map<DestinationClass, String> lanesFrom(String origin) {
        Map<DestinationClass, String> lanes = new LinkedHashMap<>();
        lanes.put(DestinationClass.DOMESTIC, origin);
        if (!"CA".equals(origin)) {
            lanes.put(DestinationClass.CANADA, "CA");
        }
        if (!"MX".equals(origin)) {
            lanes.put(DestinationClass.MEXICO, "MX");
        }
        lanes.put(DestinationClass.INTERNATIONAL, "DE");
        return lanes;
    }
}
