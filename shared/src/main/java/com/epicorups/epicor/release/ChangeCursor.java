package com.epicorups.epicor.release;

import com.epicorups.epicor.EpicorSettings.CheckpointMode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The position of the release poll: the change marker (SysRevID, or ChangeDate + ChangeTime) and the key of
 * the last release fully enqueued. It is both the checkpoint and the paging cursor: each page asks for the
 * rows strictly after it in the order {@code marker, OrderNum, OrderLine, OrderRelNum} (keyset paging).
 *
 * <p>Why not {@code $skip}: a release edited while a poll runs gets a new, higher SysRevID and moves from
 * the front of the result to its end, so every later row shifts one place forward and an offset would step
 * over one of them; the checkpoint would then pass it for good. After the edit the release itself sorts after
 * the cursor, so this poll or the next reads it again.
 */
public record ChangeCursor(CheckpointMode mode, List<String> marker, int orderNum, int orderLine, int orderRelNum) {

    public ChangeCursor {
        marker = List.copyOf(marker);
    }

    public static List<String> markerColumns(CheckpointMode mode) {
        return mode == CheckpointMode.SYSREVID ? List.of("SysRevID") : List.of("ChangeDate", "ChangeTime");
    }

    /** The $orderby columns (unprefixed). */
    public static List<String> orderColumns(CheckpointMode mode) {
        List<String> cols = new ArrayList<>(markerColumns(mode));
        cols.addAll(List.of("OrderNum", "OrderLine", "OrderRelNum"));
        return cols;
    }

    /** The cursor of a row; {@code prefix} is "" for OrderRels and "OrderRel_" for BAQ columns. */
    public static ChangeCursor of(JsonNode row, CheckpointMode mode, String prefix) {
        List<String> marker = new ArrayList<>();
        if (mode == CheckpointMode.SYSREVID) {
            // Kept as the exact digits: SysRevID is a SQL rowversion, an unsigned 64-bit counter.
            JsonNode rev = row.get(prefix + "SysRevID");
            marker.add(rev == null || rev.isNull() ? "0" : rev.isNumber() ? rev.bigIntegerValue().toString() : rev.asText().trim());
        } else {
            String date = Rows.text(row, prefix + "ChangeDate");
            marker.add(date == null ? "0001-01-01" : date.substring(0, Math.min(10, date.length())));
            marker.add(Integer.toString(Rows.integer(row, prefix + "ChangeTime")));
        }
        return new ChangeCursor(mode, marker, Rows.integer(row, prefix + "OrderNum"),
                Rows.integer(row, prefix + "OrderLine"), Rows.integer(row, prefix + "OrderRelNum"));
    }

    /** Null when there is no checkpoint or it was written in another mode. */
    public static ChangeCursor fromValues(Map<String, String> v, CheckpointMode mode) {
        if (v == null || !mode.name().equals(v.get("mode"))) {
            return null;
        }
        List<String> marker = mode == CheckpointMode.SYSREVID
                ? List.of(v.get("sysRevId")) : List.of(v.get("changeDate"), v.get("changeTime"));
        return new ChangeCursor(mode, marker, Integer.parseInt(v.get("orderNum")), Integer.parseInt(v.get("orderLine")),
                Integer.parseInt(v.get("orderRelNum")));
    }

    public Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", mode.name());
        if (mode == CheckpointMode.SYSREVID) {
            m.put("sysRevId", marker.get(0));
        } else {
            m.put("changeDate", marker.get(0));
            m.put("changeTime", marker.get(1));
        }
        m.put("orderNum", Integer.toString(orderNum));
        m.put("orderLine", Integer.toString(orderLine));
        m.put("orderRelNum", Integer.toString(orderRelNum));
        return m;
    }

    /**
     * {@code c1 gt v1 or (c1 eq v1 and (c2 gt v2 or (...)))} over marker and key columns: the rows after this
     * cursor in $orderby order.
     */
    public String afterFilter(String prefix) {
        List<String> cols = orderColumns(mode);
        List<String> vals = new ArrayList<>();
        if (mode == CheckpointMode.SYSREVID) {
            vals.add(marker.get(0));
        } else {
            // OData v4 DateTimeOffset literal; Epicor dates are midnight values without a zone.
            vals.add(marker.get(0) + "T00:00:00Z");
            vals.add(marker.get(1));
        }
        vals.add(Integer.toString(orderNum));
        vals.add(Integer.toString(orderLine));
        vals.add(Integer.toString(orderRelNum));
        return after(prefix, cols, vals, 0);
    }

    private static String after(String prefix, List<String> cols, List<String> vals, int i) {
        String c = prefix + cols.get(i);
        if (i == cols.size() - 1) {
            return c + " gt " + vals.get(i);
        }
        return c + " gt " + vals.get(i) + " or (" + c + " eq " + vals.get(i) + " and (" + after(prefix, cols, vals, i + 1) + "))";
    }

}
