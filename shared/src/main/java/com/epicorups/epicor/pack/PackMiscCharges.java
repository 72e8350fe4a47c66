package com.epicorups.epicor.pack;

import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.OData;
import com.epicorups.epicor.release.Rows;
import com.epicorups.model.PackKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * A pack's miscellaneous charge of one code (ShipMisc), the way a shop bills a pack's freight to its customer: read
 * the pack's charges first, then change the row of that code when its amount differs, or add one when the pack has
 * none. So a replayed write-back (its first answer lost after Epicor stored the row) never adds a second charge.
 */
final class PackMiscCharges {
    private final EpicorClient client;

    PackMiscCharges(EpicorClient client) {
        this.client = client;
    }

    /**
     * Puts one charge of {@code miscCode} for {@code amount} on pack {@code key}.
     *
     * @return true when a row was added or changed, false when the pack already had that charge
     */
    boolean put(PackKey key, String miscCode, BigDecimal amount) {
        JsonNode existing = null;
        int lastSeq = 0;
        for (JsonNode row : client.getRows(EpicorFields.SHIP_MISCS, new OData.Query()
                .select(EpicorFields.PACK_MISC).filter("PackNum eq " + key.packNum()).top(1000))) {
            if (Rows.integer(row, "PackNum") != key.packNum()) {
                continue;
            }
            lastSeq = Math.max(lastSeq, Rows.integer(row, "SeqNum"));
            if (existing == null && miscCode.equalsIgnoreCase(Rows.text(row, "MiscCode"))) {
                existing = row;
            }
        }
        if (existing == null) {
            // PackLine is always 0 (ShipMisc field help: a charge belongs to the pack); SysRowID is Epicor's to assign.
            client.post(EpicorFields.SHIP_MISCS, row(key, 0, lastSeq + 1).put("MiscCode", miscCode)
                    .put("MiscAmt", amount));
            return true;
        }
        BigDecimal current = Rows.decimal(existing, "MiscAmt");
        if (current != null && current.compareTo(amount) == 0) {
            return false;
        }
        int packLine = Rows.integer(existing, "PackLine");
        int seq = Rows.integer(existing, "SeqNum");
        client.patch(OData.keyed(EpicorFields.SHIP_MISCS, key.company(), key.packNum(), packLine, seq,
                Rows.text(existing, "SysRowID")), row(key, packLine, seq).put("MiscAmt", amount));
        return true;
    }

    private static ObjectNode row(PackKey key, int packLine, int seqNum) {
        return Json.mapper().createObjectNode().put("Company", key.company()).put("PackNum", key.packNum())
                .put("PackLine", packLine).put("SeqNum", seqNum);
    }
}
