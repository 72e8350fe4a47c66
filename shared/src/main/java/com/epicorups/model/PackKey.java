package com.epicorups.model;

import java.util.Objects;

/**
 * The business key of one Epicor customer shipment (pack, {@code ShipHead}): company and PackNum. It is the
 * idempotency key of pack mode, as {@link ReleaseKey} is of release mode.
 */
public record PackKey(String company, int packNum) {
    public PackKey {
        Objects.requireNonNull(company, "company");
        if (company.isBlank() || company.contains("#")) {
            throw new IllegalArgumentException("company must be non-blank and contain no '#': " + company);
        }
        if (packNum <= 0) {
            throw new IllegalArgumentException("a pack number must be positive, was " + packNum);
        }
    }

    /** {@code company#PACK#packNum}: never equal to a release's {@code company#order#line#release}. */
    public String asString() {
        return company + "#PACK#" + packNum;
    }

    /** The text UPS gets as the pack's reference number. */
    public String reference() {
        return "PACK " + packNum;
    }

    /** The key back from {@link #asString()}. */
    public static PackKey parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").split("#");
        if (parts.length != 3 || !parts[1].equals("PACK")) {
            throw new IllegalArgumentException("not a pack key (company#PACK#packNum): " + text);
        }
        try {
            return new PackKey(parts[0], Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pack key (company#PACK#packNum): " + text, e);
        }
    }

    /** Whether {@code text} is a pack key's text (a release key never is). */
    public static boolean isPackKey(String text) {
        return text != null && text.split("#").length == 3 && text.contains("#PACK#");
    }

    @Override
    public String toString() {
        return asString();
    }
}
