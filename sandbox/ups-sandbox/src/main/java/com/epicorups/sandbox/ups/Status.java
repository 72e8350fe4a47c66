package com.epicorups.sandbox.ups;

/**
 * Package statuses the sandbox can move a shipment through, with the UPS status fields each one shows in
 * Tracking ({@code type/code/description/statusCode}) and Track Alert ({@code activityStatus}).
 *
 * <p>The delivery day has three scans, all of Track Alert type {@code D} ("delivery information (loaded on delivery
 * vehicle, out for delivery, delivered)", UPSTrackAlert.yaml FAQ): loaded on the delivery vehicle (code YP, UPS's
 * example "Preparing for delivery/loaded on vehicle message", description code 071), out for delivery (OT, 021) and
 * delivered (FS, 011). Only FS is a delivery. Tracking shows the first two as in progress ({@code I}), as UPS's
 * examples do.
 */
public enum Status {
    LABEL_CREATED("M", "MP", "Shipper created a label, UPS has not received the package yet.", "003"),
    PICKED_UP("I", "OR", "Origin Scan", "005"),
    IN_TRANSIT("I", "DP", "Departed from Facility", "005"),
    LOADED_ON_DELIVERY_VEHICLE("I", "YP", "Loaded on Delivery Vehicle", "071"),
    OUT_FOR_DELIVERY("I", "OT", "Out For Delivery Today", "021"),
    DELIVERED("D", "FS", "DELIVERED", "011"),
    EXCEPTION("X", "U5", "The receiver was not available for delivery. We'll make a second attempt the next business day.", "007"),
    RETURNED("RS", "RS", "Returned to Sender", "021"),
    VOIDED("MV", "MV", "VOIDED", "045");

    private final String type;
    private final String code;
    private final String description;
    private final String statusCode;

    Status(String type, String code, String description, String statusCode) {
        this.type = type;
        this.code = code;
        this.description = description;
        this.statusCode = statusCode;
    }

    public String type() {
        return type;
    }

    /**
     * The {@code activityStatus.type} Track Alert sends: its spec allows only D, I, M, MV, U, X, so a return
     * to sender arrives as an exception (X) with code RS; every scan of the delivery day is a D.
     */
    public String trackAlertType() {
        return switch (this) {
            case RETURNED -> "X";
            case LOADED_ON_DELIVERY_VEHICLE, OUT_FOR_DELIVERY, DELIVERED -> "D";
            default -> type;
        };
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public String statusCode() {
        return statusCode;
    }

    public boolean terminal() {
        return this == DELIVERED || this == RETURNED || this == VOIDED;
    }
}
