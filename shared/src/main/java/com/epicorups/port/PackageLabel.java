package com.epicorups.port;

/** One package of a created shipment: its 1Z tracking number and the decoded label bytes. */
public record PackageLabel(String trackingNumber, String format, byte[] label) {
    @Override
    public String toString() {
        return "PackageLabel[" + trackingNumber + ", " + format + ", " + (label == null ? 0 : label.length) + " bytes]";
    }
}
