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

    @Override
    public String toString() {
        return asString();
    }
}
