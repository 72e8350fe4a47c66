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
        Charges charges = read(key, miscCode);
        JsonNode existing = charges.ofCode();
        if (existing == null) {
            // PackLine is always 0 (ShipMisc field help: a charge belongs to the pack); SysRowID is Epicor's to assign.
            try {
                client.post(EpicorFields.SHIP_MISCS, row(key, 0, charges.lastSeq() + 1).put("MiscCode", miscCode)
                        .put("MiscAmt", amount));
            } catch (RuntimeException e) {
                // A POST retried after its answer was lost is refused as a duplicate of the row it stored (SeqNum is
                // in ShipMisc's unique index): that row is the charge.
                JsonNode stored = read(key, miscCode).ofCode();
                if (stored == null || !sameAmount(stored, amount)) {
                    throw e;
                }
            }
            return true;
        }
        if (sameAmount(existing, amount)) {
            return false;
        }
        int packLine = Rows.integer(existing, "PackLine");
        int seq = Rows.integer(existing, "SeqNum");
        client.patch(OData.keyed(EpicorFields.SHIP_MISCS, key.company(), key.packNum(), packLine, seq,
                Rows.text(existing, "SysRowID")), row(key, packLine, seq).put("MiscAmt", amount));
        return true;
    }

    /** The pack's charges: the first of {@code miscCode} (null without) and the highest SeqNum (0 without any). */
    private record Charges(JsonNode ofCode, int lastSeq) {
    }

    private Charges read(PackKey key, String miscCode) {
        JsonNode ofCode = null;
        int lastSeq = 0;
        for (JsonNode row : client.getRows(EpicorFields.SHIP_MISCS, new OData.Query()
                .select(EpicorFields.PACK_MISC).filter("PackNum eq " + key.packNum()).top(1000))) {
            if (Rows.integer(row, "PackNum") != key.packNum()) {
                continue;
            }
            lastSeq = Math.max(lastSeq, Rows.integer(row, "SeqNum"));
            if (ofCode == null && miscCode.equalsIgnoreCase(Rows.text(row, "MiscCode"))) {
                ofCode = row;
            }
        }
        return new Charges(ofCode, lastSeq);
    }

    private static boolean sameAmount(JsonNode row, BigDecimal amount) {
        BigDecimal current = Rows.decimal(row, "MiscAmt");
        return current != null && current.compareTo(amount) == 0;
    }

    private static ObjectNode row(PackKey key, int packLine, int seqNum) {
        return Json.mapper().createObjectNode().put("Company", key.company()).put("PackNum", key.packNum())
                .put("PackLine", packLine).put("SeqNum", seqNum);
    }
}
