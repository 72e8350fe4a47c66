package com.epicorups.sandbox.ups;

import com.epicorups.sandbox.ups.StoredShipment.Party;
import com.epicorups.sandbox.ups.StoredShipment.StoredPackage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** How the Track API shows a stored package: status, activities newest first, delivery dates, addresses. */
final class TrackedPackages {

    private static final Map<String, String> SERVICES = Map.ofEntries(
            Map.entry("01", "UPS Next Day Air"), Map.entry("02", "UPS 2nd Day Air"), Map.entry("03", "UPS Ground"),
            Map.entry("07", "UPS Worldwide Express"), Map.entry("08", "UPS Worldwide Expedited"),
            Map.entry("11", "UPS Standard"), Map.entry("12", "UPS 3 Day Select"),
            Map.entry("13", "UPS Next Day Air Saver"), Map.entry("14", "UPS Next Day Air Early"),
            Map.entry("59", "UPS 2nd Day Air A.M."), Map.entry("65", "UPS Worldwide Saver"));

    private TrackedPackages() {
    }

    /** The Track API {@code package} object of a stored package. */
    static ObjectNode node(StoredPackage p) {
        StoredShipment s = p.shipment();
        ObjectNode node = Json.object();
        node.put("trackingNumber", p.trackingNumber);
        LocalDate shipDate = LocalDate.ofInstant(s.createdAt, ZoneOffset.UTC);
        LocalDate scheduled = shipDate.plusDays(Shipments.transitDays(s.serviceCode));
        ArrayNode deliveryDates = node.putArray("deliveryDate");
        Optional<PackageEvent> delivered = p.events.stream().filter(e -> e.status() == Status.DELIVERED).findFirst();
        boolean rescheduled = p.events.stream().anyMatch(e -> e.status() == Status.EXCEPTION);
        if (delivered.isPresent()) {
            deliveryDates.addObject().put("type", "DEL").put("date", Shipments.DATE.format(delivered.get().at()));
            node.putObject("deliveryTime").put("type", "DEL").put("startTime", "")
                    .put("endTime", Shipments.TIME.format(delivered.get().at()));
        } else if (p.status() != Status.VOIDED && p.status() != Status.RETURNED) {
            deliveryDates.addObject().put("type", "SDD").put("date", scheduled.format(DateTimeFormatter.BASIC_ISO_DATE));
            if (rescheduled) {
                deliveryDates.addObject().put("type", "RDD")
                        .put("date", scheduled.plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
            }
            node.putObject("deliveryTime").put("type", "EOD").put("startTime", "").put("endTime", "230000");
        }
        ArrayNode activities = node.putArray("activity");
        for (int i = p.events.size() - 1; i >= 0; i--) {
            PackageEvent e = p.events.get(i);
            ObjectNode activity = activities.addObject();
            ObjectNode location = activity.putObject("location");
            location.putObject("address").put("city", e.city()).put("stateProvince", e.state())
                    .put("postalCode", e.postalCode()).put("country", e.country()).put("countryCode", e.country());
            location.put("slic", "8199");
            activity.set("status", statusNode(e.status()));
            activity.put("date", Shipments.DATE.format(e.at())).put("time", Shipments.TIME.format(e.at()))
                    .put("gmtDate", Shipments.DATE.format(e.at())).put("gmtTime", Shipments.TIME.format(e.at()).replaceAll("(..)(..)(..)", "$1:$2:$3"))
                    .put("gmtOffset", "+00:00");
        }
        node.set("currentStatus", statusNode(p.status()));
        ArrayNode addresses = node.putArray("packageAddress");
        addresses.add(packageAddress("ORIGIN", s.shipper));
        addresses.add(packageAddress("DESTINATION", s.shipTo));
        node.putObject("weight").put("unitOfMeasurement", s.weightUnit).put("weight", p.weight.isEmpty() ? "0.00" : p.weight);
        node.putObject("service").put("code", "0" + s.serviceCode).put("levelCode", "0" + s.serviceCode)
                .put("description", SERVICES.getOrDefault(s.serviceCode, "UPS Service " + s.serviceCode));
        ArrayNode refs = node.putArray("referenceNumber");
        s.shipmentReferences.forEach(r -> refs.addObject().put("type", "SHIPMENT").put("number", r));
        p.references.forEach(r -> refs.addObject().put("type", "PACKAGE").put("number", r));
        node.put("packageCount", s.packages.size());
        return node;
    }

    static ObjectNode statusNode(Status status) {
        ObjectNode node = Json.object();
        node.put("type", status.type()).put("description", status.description()).put("code", status.code())
                .put("statusCode", status.statusCode())
                .put("simplifiedTextDescription", switch (status) {
                    case LABEL_CREATED -> "Label Created";
                    case PICKED_UP, IN_TRANSIT -> "On the Way";
                    case LOADED_ON_DELIVERY_VEHICLE, OUT_FOR_DELIVERY -> "Out for Delivery";
                    case DELIVERED -> "Delivered";
                    case EXCEPTION -> "Delivery Attempted";
                    case RETURNED -> "Returned to Sender";
                    case VOIDED -> "Voided";
                });
        return node;
    }

    private static ObjectNode packageAddress(String type, Party party) {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("name", party.name());
        ObjectNode address = node.putObject("address");
        for (int i = 0; i < party.addressLines().size() && i < 3; i++) {
            address.put("addressLine" + (i + 1), party.addressLines().get(i));
        }
        address.put("city", party.city()).put("stateProvince", party.state()).put("postalCode", party.postalCode())
                .put("country", party.country()).put("countryCode", party.country());
        return node;
    }
}
