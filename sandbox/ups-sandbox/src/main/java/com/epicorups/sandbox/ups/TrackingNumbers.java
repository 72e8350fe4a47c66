package com.epicorups.sandbox.ups;

import java.util.regex.Pattern;

/**
 * UPS 1Z tracking numbers: {@code 1Z} + 6-character shipper number + 2-digit service + 7-digit package
 * id + check digit. The check digit is UPS's mod-10 over the 15 characters after {@code 1Z}: letters
 * count as {@code (ASCII - 63) mod 10}, every odd position (0-based) is doubled, and the digit is
 * {@code (10 - sum mod 10) mod 10}. (Verified against UPS's published CIE test numbers
 * 1ZCIETST0111111114 and 1ZCIETST0422222228.)
 */
public final class TrackingNumbers {

    private static final Pattern SHAPE = Pattern.compile("1Z[0-9A-Z]{16}");

    private TrackingNumbers() {
    }

    public static String create(String shipperNumber, String serviceCode, long packageId) {
        String service = (serviceCode + "00").substring(0, 2).toUpperCase();
        if (!service.chars().allMatch(Character::isDigit)) {
            service = "90"; // UPS uses a numeric service indicator in the number even for lettered services.
        }
        String body = shipperNumber.toUpperCase() + service + String.format("%07d", packageId % 10_000_000L);
        return "1Z" + body + checkDigit(body);
    }

    public static boolean isValid(String trackingNumber) {
        if (trackingNumber == null || !SHAPE.matcher(trackingNumber).matches()) {
            return false;
        }
        String body = trackingNumber.substring(2, 17);
        return Character.forDigit(checkDigit(body), 10) == trackingNumber.charAt(17);
    }

    static int checkDigit(String fifteen) {
        int sum = 0;
        for (int i = 0; i < fifteen.length(); i++) {
            char c = fifteen.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : (c - 63) % 10;
            sum += (i % 2 == 1) ? value * 2 : value;
        }
        int remainder = sum % 10;
        return remainder == 0 ? 0 : 10 - remainder;
    }
}
