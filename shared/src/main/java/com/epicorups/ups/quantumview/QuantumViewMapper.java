package com.epicorups.ups.quantumview;

import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.ups.wire.Nodes;
import com.epicorups.ups.wire.UpsStatusMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quantum View subscription files to TrackingUpdates: Manifest (label created, one per package), Origin
 * (picked up), Exception (exception, rescheduled date as estimated delivery), Delivery (delivered), Generic
 * (VM void, UR returned, OD/OT/RO out for delivery, UD/SD rescheduled, scans in transit). QV times carry no
 * offset; they are read in the configured ups.eventTimeZone. The event id names the file, the record type,
 * its index and the tracking number, so a re-read file yields the same ids.
 */
public final class QuantumViewMapper {
    private static final Map<String, TrackingStatus> GENERIC = Map.ofEntries(
            Map.entry("VM", TrackingStatus.VOIDED),
            Map.entry("UR", TrackingStatus.RETURNED),
            Map.entry("OD", TrackingStatus.OUT_FOR_DELIVERY),
            Map.entry("OT", TrackingStatus.OUT_FOR_DELIVERY),
            Map.entry("RO", TrackingStatus.OUT_FOR_DELIVERY),
            Map.entry("RP", TrackingStatus.PICKED_UP),
            Map.entry("DS", TrackingStatus.IN_TRANSIT),
            Map.entry("AG", TrackingStatus.IN_TRANSIT),
            Map.entry("TC", TrackingStatus.IN_TRANSIT),
            Map.entry("PS", TrackingStatus.IN_TRANSIT),
            Map.entry("FM", TrackingStatus.IN_TRANSIT),
            Map.entry("PT", TrackingStatus.IN_TRANSIT),
            Map.entry("PC", TrackingStatus.IN_TRANSIT),
            Map.entry("AD", TrackingStatus.IN_TRANSIT),
            Map.entry("UD", TrackingStatus.IN_TRANSIT),
            Map.entry("SD", TrackingStatus.IN_TRANSIT));
    private static final Map<String, String> GENERIC_TEXT = Map.ofEntries(
            Map.entry("VM", "Shipment voided"), Map.entry("UR", "Undeliverable, returning"),
            Map.entry("OD", "Out for delivery"), Map.entry("OT", "Out for delivery today"),
            Map.entry("RO", "Out for delivery"), Map.entry("RP", "Retail pickup"),
            Map.entry("DS", "Destination scan"), Map.entry("AG", "In transit to a UPS facility"),
            Map.entry("TC", "Transferred to USPS"), Map.entry("PS", "Postal service possession"),
            Map.entry("FM", "Tendered to final-mile partner"), Map.entry("PT", "Tendered to courier"),
            Map.entry("PC", "Courier confirmation"), Map.entry("AD", "At delivery site"),
            Map.entry("UD", "Delivery date updated"), Map.entry("SD", "Scheduled for delivery"));

    private final ZoneId zone;

    public QuantumViewMapper(ZoneId zone) {
        this.zone = zone;
    }

    public List<TrackingUpdate> map(JsonNode response) {
        List<TrackingUpdate> out = new ArrayList<>();
        JsonNode events = response.path("QuantumViewResponse").path("QuantumViewEvents");
        for (JsonNode sub : Nodes.list(events.path("SubscriptionEvents"))) {
            for (JsonNode file : Nodes.list(sub.path("SubscriptionFile"))) {
                String fileName = Nodes.text(file, "FileName");
                mapFile(fileName == null ? "nofile" : fileName, file, out);
            }
        }
        return out;
    }

    private void mapFile(String file, JsonNode f, List<TrackingUpdate> out) {
        int i = 0;
        for (JsonNode m : Nodes.list(f.path("Manifest"))) {
            LocalDate scheduled = UpsStatusMapper.date(Nodes.text(m, "ScheduledDeliveryDate"));
            int p = 0;
            for (JsonNode pkg : Nodes.list(m.path("Package"))) {
                String tracking = Nodes.text(pkg, "TrackingNumber");
                if (tracking != null) {
                    JsonNode act = Nodes.first(pkg.path("Activity"));
                    Instant when = UpsStatusMapper.instant(Nodes.text(act, "Date"), Nodes.text(act, "Time"), zone);
                    if (when == null) {
                        when = UpsStatusMapper.instant(Nodes.text(m, "PickupDate"), null, zone);
                    }
                    out.add(update(id(file, "Manifest", i + "." + p, tracking), tracking, TrackingStatus.LABEL_CREATED,
                            "Label created (shipment information sent to UPS)", when, scheduled, null));
                }
                p++;
            }
            i++;
        }
        i = 0;
        for (JsonNode o : Nodes.list(f.path("Origin"))) {
            String tracking = Nodes.text(o, "TrackingNumber");
            if (tracking != null) {
                out.add(update(id(file, "Origin", String.valueOf(i), tracking), tracking, TrackingStatus.PICKED_UP,
                        "Picked up by UPS", at(o), UpsStatusMapper.date(Nodes.text(o, "ScheduledDeliveryDate")), null));
            }
            i++;
        }
        i = 0;
        for (JsonNode x : Nodes.list(f.path("Exception"))) {
            String tracking = Nodes.text(x, "TrackingNumber");
            if (tracking != null) {
                String text = firstNonNull(Nodes.text(x, "StatusDescription"), Nodes.text(x, "ReasonDescription"), "Exception");
                String reason = Nodes.text(x, "ReasonDescription");
                if (reason != null && !reason.equals(text)) {
                    text = text + ": " + reason;
                }
                out.add(update(id(file, "Exception", String.valueOf(i), tracking), tracking, TrackingStatus.EXCEPTION, text,
                        at(x), UpsStatusMapper.date(Nodes.text(x, "RescheduledDeliveryDate")), null));
            }
            i++;
        }
        i = 0;
        for (JsonNode d : Nodes.list(f.path("Delivery"))) {
            String tracking = Nodes.text(d, "TrackingNumber");
            if (tracking != null) {
                Instant when = at(d);
                String where = Nodes.text(d.path("DeliveryLocation"), "Description");
                out.add(update(id(file, "Delivery", String.valueOf(i), tracking), tracking, TrackingStatus.DELIVERED,
                        where == null ? "Delivered" : "Delivered: " + where, when, null, when));
            }
            i++;
        }
        i = 0;
        for (JsonNode g : Nodes.list(f.path("Generic"))) {
            String tracking = Nodes.text(g, "TrackingNumber");
            String type = Nodes.text(g, "ActivityType");
            TrackingStatus status = type == null ? null : GENERIC.get(type.toUpperCase());
            if (tracking != null && status != null) {
                JsonNode act = g.path("Activity");
                Instant when = UpsStatusMapper.instant(Nodes.text(act, "Date"), Nodes.text(act, "Time"), zone);
                out.add(update(id(file, "Generic-" + type.toUpperCase(), String.valueOf(i), tracking), tracking, status,
                        GENERIC_TEXT.get(type.toUpperCase()), when,
                        UpsStatusMapper.date(Nodes.text(g, "RescheduledDeliveryDate")), null));
            }
            i++;
        }
    }

    private Instant at(JsonNode n) {
        return UpsStatusMapper.instant(Nodes.text(n, "Date"), Nodes.text(n, "Time"), zone);
    }

    private static String id(String file, String type, String index, String tracking) {
        return "qv:" + file + ":" + type + ":" + index + ":" + tracking;
    }

    private static TrackingUpdate update(String id, String tracking, TrackingStatus status, String text, Instant when,
                                         LocalDate estimated, Instant deliveredAt) {
        return new TrackingUpdate(id, TrackingSource.QUANTUM_VIEW, null, null, List.of(tracking.trim().toUpperCase()),
                status, text, when, estimated, deliveredAt, null);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
