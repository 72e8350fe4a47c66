package com.epicorups.epicor.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The pack's own ship-to on each of its lines' OrderRel rows, so the lines are mapped (address rows read, one-time
 * address taken, completeness checked) exactly as release mode maps a release, but to where the pack goes: the
 * customer ship-to the pack names (ShipHead.ShipToCustNum, ShipToNum), or with ShipHead.UseOTS the one-time address
 * of the order ShipHead.OTSOrderNum names. Epicor's Customer Shipment Entry lets the packer change a pack's ship-to;
 * the release's is only where the order meant to send it.
 */
final class PackShipTo {
    /** The OrderHed/OrderRel columns of a one-time address (the same names on both). */
    static final List<String> OTS_COLUMNS = List.of("OTSName", "OTSContact", "OTSAddress1", "OTSAddress2",
            "OTSAddress3", "OTSCity", "OTSState", "OTSZIP", "OTSCntryISOCode", "OTSPhoneNum", "OTSEMailAddress");

    private PackShipTo() {
    }

    /**
     * A copy of {@code rel} that ships to the pack's address; {@code otsOrder} is the row holding the pack's one-time
     * address (an OrderHed or OrderRel row: the same column names), or null.
     */
    static JsonNode onRelease(JsonNode rel, ReadyPack pack, JsonNode otsOrder) {
        ObjectNode row = ((ObjectNode) rel).deepCopy();
        if (pack.useOts()) {
            row.put("UseOTS", true);
            for (String column : OTS_COLUMNS) {
                JsonNode value = otsOrder.get(column);
                if (value == null || value.isNull()) {
                    row.remove(column);
                } else {
                    row.set(column, value);
                }
            }
            return row;
        }
        row.put("UseOTS", false);
        row.put("ShipToCustNum", pack.shipToCustNum() > 0 ? pack.shipToCustNum() : pack.custNum());
        row.put("ShipToNum", pack.shipToNum());
        return row;
    }
}
