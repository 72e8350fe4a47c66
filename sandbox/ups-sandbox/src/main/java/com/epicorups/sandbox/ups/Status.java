package com.epicorups.sandbox.ups;

/**
 * Package statuses the sandbox can move a shipment through, with the UPS status fields each one shows in
 * Tracking ({@code type/code/description/statusCode}) and Track Alert ({@code activityStatus}).
 */
public enum Status {
    LABEL_CREATED("M", "MP", "Shipper created a label, UPS has not received the package yet.", "003"),
    PICKED_UP("I", "OR", "Origin Scan", "005"),
    IN_TRANSIT("I", "DP", "Departed from Facility", "005"),
    OUT_FOR_DELIVERY("I", "OT", "Out For Delivery Today", "072"),
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
     * to sender arrives as an exception (X) with code RS.
     */
    public String trackAlertType() {
        return this == RETURNED ? "X" : type;
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
