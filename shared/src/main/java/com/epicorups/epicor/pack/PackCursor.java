package com.epicorups.epicor.pack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The position of the pack poll: ShipHead.SysRevID and PackNum of the last pack fully enqueued, both the checkpoint
 * and the keyset cursor (rows strictly after it in {@code SysRevID, PackNum} order; why not {@code $skip}: see
 * {@link com.epicorups.epicor.release.ChangeCursor}). The sweep's cursor is the PackNum alone.
 */
public record PackCursor(String sysRevId, int packNum) {
    static final String MODE = "PACKS";

    /** Null when {@code values} is empty or another source's checkpoint (a release cursor). */
    public static PackCursor fromValues(Map<String, String> values) {
        if (values == null || !MODE.equals(values.get("mode"))) {
            return null;
        }
        String rev = values.getOrDefault("sysRevId", "0");
        return new PackCursor(rev, Integer.parseInt(values.getOrDefault("packNum", "0")));
    }

    public Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", MODE);
        m.put("sysRevId", sysRevId);
        m.put("packNum", Integer.toString(packNum));
        return m;
    }

    /** The packs changed after this cursor. */
    String afterFilter() {
        return "SysRevID gt " + sysRevId + " or (SysRevID eq " + sysRevId + " and PackNum gt " + packNum + ")";
    }
}
