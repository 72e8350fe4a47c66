package com.epicorups.epicor.release;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a release's ship-to address lives: the release's one-time address, the order header's one-time
 * address (when the release uses the header's ship-to), a ShipTo row (CustNum + ShipToNum), or the
 * customer's own address (blank ShipToNum).
 */
sealed interface ShipToSource {
    record ReleaseOts() implements ShipToSource { }
    record HeaderOts() implements ShipToSource { }
    record ShipTo(int custNum, String shipToNum) implements ShipToSource { }
    record Customer(int custNum) implements ShipToSource { }

    static ShipToSource of(JsonNode rel, JsonNode hed) {
        if (Rows.bool(rel, "UseOTS")) {
            return new ReleaseOts();
        }
        String relShipTo = Rows.text(rel, "ShipToNum");
        if (hed != null && Rows.bool(hed, "UseOTS") && java.util.Objects.equals(relShipTo, Rows.text(hed, "ShipToNum"))) {
            return new HeaderOts();
        }
        int custNum = Rows.integer(rel, "ShipToCustNum");
        if (custNum <= 0) {
            custNum = Rows.integer(hed, "ShipToCustNum");
        }
        if (custNum <= 0) {
            custNum = Rows.integer(hed, "CustNum");
        }
        return relShipTo == null ? new Customer(custNum) : new ShipTo(custNum, relShipTo);
    }
}
