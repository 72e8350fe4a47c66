package com.epicorups.ups.track;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.TrackingStatus;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.epicorups.ups.wire.UpsStatusMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** UPS Track API ({@code GET /api/track/v1/details/{n}}) normalised to a {@link TrackingSnapshot}. */
public final class UpsTrackingClient {
    public static final String OPERATION = "track";
    static final String PATH = "/api/track/v1/details/";

    private final UpsHttp http;

    public UpsTrackingClient(UpsHttp http) {
        this.http = http;
    }

    /** The package's state; empty when UPS has no information (warning TW0001 in a 200, or a 404). */
    public Optional<TrackingSnapshot> track(String trackingNumber) {
        String n = inquiryNumber(trackingNumber);
        return details(n).flatMap(json -> parse(n, json, http.settings().eventTimeZone()));
    }

    private static String inquiryNumber(String trackingNumber) {
        String n = trackingNumber == null ? "" : trackingNumber.trim().toUpperCase();
        if (n.length() < 7 || n.length() > 34 || !n.matches("[0-9A-Z]+")) {
            throw new ConnectorException(Reason.INVALID_TRACKING_NUMBER, "not a UPS inquiry number: " + trackingNumber);
        }
        return n;
    }

    /** UPS's tracking details of the inquiry number; empty for a 404 (no information). */
    private Optional<JsonNode> details(String inquiryNumber) {
        try {
            return Optional.of(http.get(OPERATION, PATH + URLEncoder.encode(inquiryNumber, StandardCharsets.UTF_8)
                    + "?locale=en_US&returnSignature=false&returnMilestones=false&returnPOD=false", null).json());
        } catch (com.epicorups.ups.transport.UpsApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The package-level reference numbers UPS holds for the package ({@code package[].referenceNumber[]} of type
     * PACKAGE); empty when UPS has no information.
     */
    public List<String> packageReferences(String trackingNumber) {
        String n = inquiryNumber(trackingNumber);
        Optional<JsonNode> details = details(n);
        if (details.isEmpty()) {
            return List.of();
        }
        JsonNode json = details.get();
        List<String> references = new java.util.ArrayList<>();
        for (JsonNode p : Nodes.list(Nodes.first(json.path("trackResponse").path("shipment")).path("package"))) {
            if (n.equalsIgnoreCase(Nodes.text(p, "trackingNumber"))) {
                for (JsonNode r : Nodes.list(p.path("referenceNumber"))) {
                    if ("PACKAGE".equalsIgnoreCase(Nodes.text(r, "type")) && Nodes.text(r, "number") != null) {
                        references.add(Nodes.text(r, "number"));
                    }
                }
            }
        }
        return references;
    }

    static Optional<TrackingSnapshot> parse(String inquiry, JsonNode json, ZoneId fallbackZone) {
        JsonNode shipment = Nodes.first(json.path("trackResponse").path("shipment"));
        for (JsonNode w : Nodes.list(shipment.path("warnings"))) {
            if ("TW0001".equals(Nodes.text(w, "code"))) {
                return Optional.empty();
            }
        }
        List<JsonNode> packages = Nodes.list(shipment.path("package"));
        if (packages.isEmpty()) {
            return Optional.empty();
        }
        JsonNode pkg = packages.get(0);
        for (JsonNode p : packages) {
            if (inquiry.equalsIgnoreCase(Nodes.text(p, "trackingNumber"))) {
                pkg = p;
            }
        }
        JsonNode status = pkg.path("currentStatus");
        JsonNode latest = Nodes.first(pkg.path("activity"));
        if (status.isMissingNode()) {
            status = latest.path("status");
        }
        String type = Nodes.text(status, "type");
        String code = Nodes.text(status, "code");
        String description = Nodes.text(status, "description");
        TrackingStatus mapped = UpsStatusMapper.map(type, code, description);
        Instant eventTime = UpsStatusMapper.instant(Nodes.text(latest, "gmtDate"), Nodes.text(latest, "gmtTime"), ZoneOffset.UTC);
        ZoneOffset offset = UpsStatusMapper.offset(Nodes.text(latest, "gmtOffset"));
        if (eventTime == null) {
            eventTime = UpsStatusMapper.instant(Nodes.text(latest, "date"), Nodes.text(latest, "time"),
                    offset != null ? offset : fallbackZone);
        }
        LocalDate sdd = null;
        LocalDate rdd = null;
        LocalDate del = null;
        for (JsonNode d : Nodes.list(pkg.path("deliveryDate"))) {
            String t = Nodes.text(d, "type");
            LocalDate date = UpsStatusMapper.date(Nodes.text(d, "date"));
            if ("RDD".equals(t)) {
                rdd = date;
            } else if ("SDD".equals(t)) {
                sdd = date;
            } else if ("DEL".equals(t)) {
                del = date;
            }
        }
        Instant deliveredAt = null;
        if (mapped == TrackingStatus.DELIVERED) {
            JsonNode dt = pkg.path("deliveryTime");
            String endTime = "DEL".equals(Nodes.text(dt, "type")) ? Nodes.text(dt, "endTime") : null;
            if (del != null) {
                deliveredAt = UpsStatusMapper.instant(del.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                        endTime != null ? endTime : Nodes.text(latest, "time"), offset != null ? offset : fallbackZone);
            }
            if (deliveredAt == null) {
                deliveredAt = eventTime;
            }
        }
        String number = Nodes.text(pkg, "trackingNumber");
        return Optional.of(new TrackingSnapshot(number == null ? inquiry : number, mapped, type, code, description,
                eventTime, rdd != null ? rdd : sdd, deliveredAt));
    }
}
