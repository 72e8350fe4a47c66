package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * UPS Rating ({@code POST /api/rating/{version}/{requestoption}}): {@code Shop} answers every service offered on the
 * lane ({@link ServiceLanes}), {@code Rate} the requested one (refused like Ship when the lane has no such service).
 * Charges and transit days are the sandbox's own and deterministic (README "Rating"): list charge = (base + per
 * pound x billing weight) per service, x 1.25 for the Worldwide lanes; the negotiated charge (when the request carries
 * {@code ShipmentRatingOptions.NegotiatedRatesIndicator}) takes a discount of its own per service, so the cheapest
 * list service is not always the cheapest negotiated one. Transit days are
 * {@code GuaranteedDelivery.BusinessDaysInTransit}; with time in transit asked ({@code additionalinfo=timeintransit},
 * {@link TimeInTransit}) each service's delivery date too.
 */
final class Rating {
    /** {base, per pound} in USD. */
    private static final Map<String, BigDecimal[]> LIST = Map.ofEntries(
            entry("03", "12.00", "0.90"), entry("12", "20.00", "1.50"), entry("02", "28.00", "2.20"),
            entry("59", "33.00", "2.50"), entry("13", "40.00", "3.00"), entry("01", "45.00", "3.50"),
            entry("14", "75.00", "4.00"), entry("11", "25.00", "1.40"), entry("08", "55.00", "3.50"),
            entry("65", "62.00", "4.00"), entry("07", "70.00", "4.50"), entry("54", "110.00", "5.00"));
    /** Negotiated discount per service, percent. */
    private static final Map<String, Integer> DISCOUNT = Map.ofEntries(
            Map.entry("03", 10), Map.entry("12", 12), Map.entry("02", 15), Map.entry("59", 10), Map.entry("13", 18),
            Map.entry("01", 20), Map.entry("14", 5), Map.entry("11", 30), Map.entry("08", 20), Map.entry("65", 40),
            Map.entry("07", 15), Map.entry("54", 10));
    private static final Set<String> SHOP = Set.of("shop", "shoptimeintransit");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("01", "UPS Next Day Air"), Map.entry("02", "UPS 2nd Day Air"), Map.entry("03", "UPS Ground"),
            Map.entry("07", "UPS Worldwide Express"), Map.entry("08", "UPS Worldwide Expedited"),
            Map.entry("11", "UPS Standard"), Map.entry("12", "UPS 3 Day Select"),
            Map.entry("13", "UPS Next Day Air Saver"),
            Map.entry("14", "UPS Next Day Air Early"), Map.entry("54", "UPS Worldwide Express Plus"),
            Map.entry("59", "UPS 2nd Day Air A.M."), Map.entry("65", "UPS Saver"));

    private final Set<String> shipperNumbers;
    private final Clock clock;

    Rating(Set<String> shipperNumbers, Clock clock) {
        this.shipperNumbers = shipperNumbers;
        this.clock = clock;
    }

    /** @param additionalInfo the {@code additionalinfo} query parameter ({@code timeintransit}), or null */
    Reply rate(JsonNode body, String requestOption, String additionalInfo) {
        JsonNode shipment = body.path("RateRequest").path("Shipment");
        String shipperNumber = Json.text(shipment, "Shipper", "ShipperNumber").toUpperCase(Locale.ROOT);
        if (!shipperNumber.isEmpty() && !shipperNumbers.isEmpty() && !shipperNumbers.contains(shipperNumber)) {
            return Reply.error(400, "120100", "Missing or invalid shipper number");
        }
        JsonNode shipFrom = shipment.path("ShipFrom");
        String origin = ShipRules.country(shipFrom.isMissingNode() ? shipment.path("Shipper").path("Address")
                : shipFrom.path("Address"));
        String destination = ShipRules.country(shipment.path("ShipTo").path("Address"));
        List<String> services;
        if (SHOP.contains(requestOption.toLowerCase(Locale.ROOT))) {
            services = List.copyOf(ServiceLanes.offered(origin, destination));
            if (services.isEmpty()) {
                return ServiceLanes.check("", origin, destination).orElseThrow();
            }
        } else {
            String service = Json.text(shipment, "Service", "Code").trim();
            Optional<Reply> offLane = ServiceLanes.check(service, origin, destination);
            if (offLane.isPresent()) {
                return offLane.get();
            }
            services = List.of(service);
        }
        TimeInTransit timeInTransit = null;
        if (TimeInTransit.asked(requestOption, additionalInfo)) {
            TimeInTransit.Result asked = TimeInTransit.of(shipment, origin, destination, LocalDate.now(clock));
            if (asked.refused().isPresent()) {
                return asked.refused().get();
            }
            timeInTransit = asked.question();
        }
        int billingPounds = billingPounds(shipment);
        boolean worldwide = ServiceLanes.WORLDWIDE.containsAll(ServiceLanes.offered(origin, destination))
                && !ServiceLanes.offered(origin, destination).isEmpty();
        boolean negotiated = shipment.path("ShipmentRatingOptions").has("NegotiatedRatesIndicator");

        ObjectNode root = Json.object();
        ObjectNode response = root.putObject("RateResponse");
        response.putObject("Response").putObject("ResponseStatus").put("Code", "1").put("Description", "Success");
        ArrayNode rated = response.putArray("RatedShipment");
        for (String service : services) {
            BigDecimal list = listCharge(service, billingPounds, worldwide);
            ObjectNode r = rated.addObject();
            r.putObject("Service").put("Code", service);
            ObjectNode weight = r.putObject("BillingWeight");
            weight.putObject("UnitOfMeasurement").put("Code", "LBS").put("Description", "Pounds");
            weight.put("Weight", String.valueOf(billingPounds));
            money(r.putObject("TransportationCharges"), list);
            money(r.putObject("ServiceOptionsCharges"), BigDecimal.ZERO.setScale(2));
            money(r.putObject("TotalCharges"), list);
            if (negotiated) {
                BigDecimal net = list.multiply(BigDecimal.valueOf(100 - DISCOUNT.getOrDefault(service, 0)))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                money(r.putObject("NegotiatedRateCharges").putObject("TotalCharge"), net);
            }
            int days = ServiceLanes.TRANSIT_DAYS.getOrDefault(service, 5) + (worldwide ? 1 : 0);
            r.putObject("GuaranteedDelivery").put("BusinessDaysInTransit", String.valueOf(days));
            if (timeInTransit != null) {
                timeInTransit.addTo(r, NAMES.getOrDefault(service, "UPS " + service), days, !origin.equals(destination));
            }
            money(r.putArray("RatedPackage").addObject().putObject("TotalCharges"), list);
        }
        return Reply.ok(root);
    }

    /** Each package's weight rounded up to a whole pound, at least 1 (as Ship bills). */
    private static int billingPounds(JsonNode shipment) {
        int pounds = 0;
        for (JsonNode p : Json.list(shipment.get("Package"))) {
            BigDecimal weight = ShipRules.decimal(Json.text(p, "PackageWeight", "Weight"));
            String unit = Json.text(p, "PackageWeight", "UnitOfMeasurement", "Code").toUpperCase(Locale.ROOT);
            if (weight == null) {
                weight = BigDecimal.ONE;
            }
            if ("KGS".equals(unit)) {
                weight = weight.multiply(new BigDecimal("2.20462"));
            }
            pounds += Math.max(1, weight.setScale(0, RoundingMode.CEILING).intValue());
        }
        return Math.max(1, pounds);
    }

    static BigDecimal listCharge(String service, int billingPounds, boolean worldwide) {
        BigDecimal[] rate = LIST.getOrDefault(service, new BigDecimal[] {new BigDecimal("50.00"), new BigDecimal("3.00")});
        BigDecimal charge = rate[0].add(rate[1].multiply(BigDecimal.valueOf(billingPounds)));
        return (worldwide ? charge.multiply(new BigDecimal("1.25")) : charge).setScale(2, RoundingMode.HALF_UP);
    }

    private static void money(ObjectNode node, BigDecimal value) {
        node.put("CurrencyCode", "USD").put("MonetaryValue", value.toPlainString());
    }

    private static Map.Entry<String, BigDecimal[]> entry(String service, String base, String perPound) {
        return Map.entry(service, new BigDecimal[] {new BigDecimal(base), new BigDecimal(perPound)});
    }
}
