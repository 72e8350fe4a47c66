package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rating's time in transit ({@code additionalinfo=timeintransit}; Rating.yaml
 * {@code RatedShipment_TimeInTransit}): with {@code DeliveryTimeInformation} in the request, each rated service gets
 * {@code TimeInTransit.ServiceSummary.EstimatedArrival} with the delivery date. The sandbox's calendar: UPS picks up
 * on the request's {@code Pickup.Date} (the next Monday when that is a Saturday or Sunday) and delivers after the
 * service's business days, Monday to Friday, no holidays (README "Rating"). International requests need
 * {@code ShipmentTotalWeight} and {@code InvoiceLineTotal} (Rating.yaml: "Required for all international shipments
 * when retrieving time in transit information"; "Required for international shipments when using request option
 * ratetimeintransit or shoptimeintransit"); the sandbox refuses one without with its own code {@link #MISSING}.
 */
final class TimeInTransit {
    /** The sandbox's code for a time-in-transit request without what UPS requires (UPS's own is not confirmed). */
    static final String MISSING = "SBX0902";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<String> US_AND_PR = Set.of("US", "PR");

    private final LocalDate pickup;

    private TimeInTransit(LocalDate pickup) {
        this.pickup = pickup;
    }

    /**
     * Asked as {@code .../Shop?additionalinfo=timeintransit} ("The server rates with transit time information combined
     * with requestoption in URL") or as the request option {@code Shoptimeintransit}, which Rating.yaml lists but its
     * own {@code maxLength: 10} for the path parameter refuses (so the spec validation answers it 400 first).
     */
    static boolean asked(String requestOption, String additionalInfo) {
        return requestOption.toLowerCase(Locale.ROOT).endsWith("timeintransit")
                || "timeintransit".equalsIgnoreCase(additionalInfo == null ? "" : additionalInfo.trim());
    }

    /**
     * The request's time-in-transit question, or its refusal; empty question when the request has no
     * DeliveryTimeInformation (then UPS answers without TimeInTransit).
     *
     * @param today the date a request without Pickup.Date is taken for ("defaulted to the current system date")
     */
    static Result of(JsonNode shipment, String origin, String destination, LocalDate today) {
        JsonNode delivery = shipment.path("DeliveryTimeInformation");
        boolean international = !origin.equals(destination)
                && !(US_AND_PR.contains(origin) && US_AND_PR.contains(destination));
        if (international && !shipment.has("ShipmentTotalWeight")) {
            return new Result(null, Reply.error(400, MISSING, "ShipmentTotalWeight is required for an international "
                    + "time in transit request"));
        }
        if (international && !shipment.has("InvoiceLineTotal")) {
            return new Result(null, Reply.error(400, MISSING, "InvoiceLineTotal is required for an international "
                    + "time in transit request"));
        }
        if (delivery.isMissingNode()) {
            return new Result(null, null);
        }
        String date = Json.text(delivery, "Pickup", "Date");
        LocalDate pickup = today;
        if (!date.isEmpty()) {
            try {
                pickup = LocalDate.parse(date, YYYYMMDD);
            } catch (DateTimeParseException e) {
                return new Result(null, Reply.error(400, MISSING, "Invalid pickup date " + date));
            }
        }
        return new Result(new TimeInTransit(pickup), null);
    }

    record Result(TimeInTransit question, Reply refusal) {
        Optional<Reply> refused() {
            return Optional.ofNullable(refusal);
        }
    }

    /** The delivery date after {@code businessDays} from the pickup, Monday to Friday. */
    static LocalDate arrival(LocalDate pickup, int businessDays) {
        LocalDate day = nextBusinessDay(pickup);
        for (int i = 0; i < businessDays; i++) {
            day = nextBusinessDay(day.plusDays(1));
        }
        return day;
    }

    private static LocalDate nextBusinessDay(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Adds {@code TimeInTransit} for a service of {@code businessDays} to a RatedShipment. */
    void addTo(ObjectNode ratedShipment, String serviceDescription, int businessDays, boolean international) {
        LocalDate from = nextBusinessDay(pickup);
        LocalDate arrival = arrival(pickup, businessDays);
        ObjectNode tit = ratedShipment.putObject("TimeInTransit");
        tit.put("PickupDate", YYYYMMDD.format(pickup));
        tit.put("PackageBillType", "03");
        if (international) {
            tit.put("AutoDutyCode", "01");
        }
        ObjectNode summary = tit.putObject("ServiceSummary");
        summary.putObject("Service").put("Description", serviceDescription);
        ObjectNode estimated = summary.putObject("EstimatedArrival");
        estimated.putObject("Arrival").put("Date", YYYYMMDD.format(arrival)).put("Time", "230000");
        estimated.put("BusinessDaysInTransit", String.valueOf(businessDays));
        estimated.putObject("Pickup").put("Date", YYYYMMDD.format(from)).put("Time", "170000");
        estimated.put("DayOfWeek", arrival.getDayOfWeek().name().substring(0, 3));
    }
}
