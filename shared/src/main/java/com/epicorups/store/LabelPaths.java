package com.epicorups.store;

import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import java.util.Locale;

/** Where a label lives, the same relative path in S3 and in a local folder. */
public final class LabelPaths {
    private LabelPaths() {
    }

    /**
     * What follows the first package's tracking number in the name of a shipment's international forms image, stored
     * beside its labels ({@code 1Z...INVOICE.pdf}).
     */
    public static final String CUSTOMS_FORMS_SUFFIX = "INVOICE";

    /** Whether a stored file is a shipment's international forms image rather than a label. */
    public static boolean isCustomsForms(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot < 0 ? fileName : fileName.substring(0, dot)).endsWith(CUSTOMS_FORMS_SUFFIX);
    }

    /** {@code labels/<company>/<order>/<line>-<rel>/<tracking>.<ext>} */
    public static String relativePath(ReleaseKey key, String trackingNumber, String format) {
        if (trackingNumber == null || !trackingNumber.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("tracking number must be alphanumeric: " + trackingNumber);
        }
        return "labels/" + key.company() + "/" + key.orderNum() + "/" + key.orderLine() + "-" + key.orderRelNum()
                + "/" + trackingNumber + "." + extension(format);
    }

    /** {@code labels/<company>/PACK-<packNum>/<tracking>.<ext>}: a pack's labels, apart from any order's. */
    public static String relativePath(PackKey key, String trackingNumber, String format) {
        if (trackingNumber == null || !trackingNumber.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("tracking number must be alphanumeric: " + trackingNumber);
        }
        return "labels/" + key.company() + "/PACK-" + key.packNum() + "/" + trackingNumber + "." + extension(format);
    }

    public static String extension(String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "gif", "png", "pdf", "zpl", "epl", "spl" -> f;
            case "" -> "bin";
            default -> f.replaceAll("[^a-z0-9]", "");
        };
    }

    public static String contentType(String format) {
        return switch (extension(format)) {
            case "gif" -> "image/gif";
            case "png" -> "image/png";
            case "pdf" -> "application/pdf";
            case "zpl", "epl", "spl" -> "text/plain";
            default -> "application/octet-stream";
        };
    }
}
