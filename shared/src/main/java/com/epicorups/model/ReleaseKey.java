package com.epicorups.model;

import java.util.Objects;

/**
 * The business key of one Epicor sales-order release: company, OrderNum, OrderLine, OrderRelNum.
 * It is the idempotency key of the whole pipeline (never the SQS message id).
 */
public record ReleaseKey(String company, int orderNum, int orderLine, int orderRelNum) {
    public ReleaseKey {
        Objects.requireNonNull(company, "company");
        if (company.isBlank() || company.contains("#")) {
            throw new IllegalArgumentException("company must be non-blank and contain no '#': " + company);
        }
        if (orderNum <= 0 || orderLine <= 0 || orderRelNum <= 0) {
            throw new IllegalArgumentException("order, line and release numbers must be positive");
        }
    }

    /** {@code company#order#line#release}, the ledger's partition key. */
    public String asString() {
        return company + "#" + orderNum + "#" + orderLine + "#" + orderRelNum;
    }

    /** The text UPS gets as a reference number: short enough for its 35-character limit. */
    public String reference() {
        return orderNum + "-" + orderLine + "-" + orderRelNum;
    }

    public static ReleaseKey parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").split("#");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a release key (company#order#line#release): " + text);
        }
        try {
            return new ReleaseKey(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a release key (company#order#line#release): " + text, e);
        }
    }

    @Override
    public String toString() {
        return asString();
    }
}
