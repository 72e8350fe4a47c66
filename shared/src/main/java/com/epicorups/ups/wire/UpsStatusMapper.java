package com.epicorups.ups.wire;

import com.epicorups.model.TrackingStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * UPS activity status (type, code, description) to the connector's TrackingStatus, shared by the Track API
 * and Track Alert. Types per UPSTrackAlert.yaml: M manifest, MV manifest void, I in progress, U updated
 * delivery, X exception, D delivery information; the Track API also uses P pickup, O out for delivery, RS returned.
 *
 * <p>Type D covers the whole delivery day: "loaded on delivery vehicle, out for delivery, delivered" (UPSTrackAlert.yaml
 * FAQ). So D alone is not a delivery: DELIVERED, a terminal status nothing replaces, comes only from the delivery's
 * activity code FS (UPS's "Delivered" example: type D, code FS, description code 011) or, when a D event carries a
 * code we do not know, from a description that says just "Delivered". Every other D event, like YP (loaded on the
 * delivery vehicle, "Preparing for Delivery") and OT (out for delivery), is OUT_FOR_DELIVERY.
 */
public final class UpsStatusMapper {
    /** The activity codes of a delivery. */
    static final Set<String> DELIVERED_CODES = Set.of("FS");
    private static final Set<String> OUT_FOR_DELIVERY_CODES = Set.of("OT", "OF", "OD");
    private static final Set<String> PICKUP_CODES = Set.of("OR", "PU");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private UpsStatusMapper() {
    }

    public static TrackingStatus map(String type, String code, String description) {
        String t = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        String d = description == null ? "" : description.trim().toLowerCase(Locale.ROOT);
        if (t.equals("MV") || d.contains("voided")) {
            return TrackingStatus.VOIDED;
        }
        if (t.equals("RS") || c.equals("RS") || d.contains("returned to") || d.contains("return to sender")) {
            return TrackingStatus.RETURNED;
        }
        if (t.equals("D")) {
            boolean delivery = DELIVERED_CODES.contains(c) || !OUT_FOR_DELIVERY_CODES.contains(c) && d.equals("delivered");
            return delivery ? TrackingStatus.DELIVERED : TrackingStatus.OUT_FOR_DELIVERY;
        }
        if (OUT_FOR_DELIVERY_CODES.contains(c) || t.equals("O") || d.contains("out for delivery")) {
            return TrackingStatus.OUT_FOR_DELIVERY;
        }
        switch (t) {
            case "M":
                return TrackingStatus.LABEL_CREATED;
            case "P":
                return TrackingStatus.PICKED_UP;
            case "X":
                return TrackingStatus.EXCEPTION;
            case "I":
                return PICKUP_CODES.contains(c) ? TrackingStatus.PICKED_UP : TrackingStatus.IN_TRANSIT;
            default:
                return TrackingStatus.IN_TRANSIT;
        }
    }

    /** YYYYMMDD, or null when blank/malformed. */
    public static LocalDate date(String yyyymmdd) {
        if (yyyymmdd == null || yyyymmdd.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(yyyymmdd.trim(), DATE);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** YYYYMMDD + HHMMSS (UPS sometimes drops the leading zero of the hour) in the given zone. */
    public static Instant instant(String yyyymmdd, String hhmmss, ZoneId zone) {
        LocalDate date = date(yyyymmdd);
        if (date == null) {
            return null;
        }
        String t = hhmmss == null ? "" : hhmmss.trim().replace(":", "");
        if (t.isEmpty()) {
            t = "000000";
        }
        if (!t.matches("\\d{1,6}")) {
            return null;
        }
        while (t.length() < 6) {
            t = "0" + t;
        }
        try {
            LocalDateTime ldt = date.atTime(Integer.parseInt(t.substring(0, 2)), Integer.parseInt(t.substring(2, 4)),
                    Integer.parseInt(t.substring(4, 6)));
            return ldt.atZone(zone).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** "-04.00", "-05:00", "+0530" as an offset; null when blank/malformed. */
    public static ZoneOffset offset(String gmtOffset) {
        if (gmtOffset == null || gmtOffset.isBlank()) {
            return null;
        }
        String s = gmtOffset.trim().replace('.', ':');
        try {
            return ZoneOffset.of(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
