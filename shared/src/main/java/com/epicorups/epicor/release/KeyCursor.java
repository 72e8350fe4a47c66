package com.epicorups.epicor.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The position of the reconciliation sweep: the key of the last release it read. The sweep pages in key order
 * ({@code OrderNum, OrderLine, OrderRelNum}), not by change marker, because it looks for releases whose change
 * marker the changed-since poll has already passed; keyset paging, like {@link ChangeCursor}, so a release
 * inserted or edited while the sweep runs cannot shift another out of a page.
 */
public record KeyCursor(int orderNum, int orderLine, int orderRelNum) {
    /** The $orderby columns (unprefixed). */
    public static final List<String> COLUMNS = List.of("OrderNum", "OrderLine", "OrderRelNum");

    /** The cursor of a row; {@code prefix} is "" for OrderRels and "OrderRel_" for BAQ columns. */
    public static KeyCursor of(JsonNode row, String prefix) {
        return new KeyCursor(Rows.integer(row, prefix + "OrderNum"), Rows.integer(row, prefix + "OrderLine"),
                Rows.integer(row, prefix + "OrderRelNum"));
    }

    /** Null when the values hold no cursor (a sweep pass that has not read its first page yet). */
    public static KeyCursor fromValues(Map<String, String> v) {
        if (v == null || v.get("orderNum") == null || v.get("orderLine") == null || v.get("orderRelNum") == null) {
            return null;
        }
        return new KeyCursor(Integer.parseInt(v.get("orderNum")), Integer.parseInt(v.get("orderLine")),
                Integer.parseInt(v.get("orderRelNum")));
    }

    public Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("orderNum", Integer.toString(orderNum));
        m.put("orderLine", Integer.toString(orderLine));
        m.put("orderRelNum", Integer.toString(orderRelNum));
        return m;
    }

    /** {@code OrderNum gt a or (OrderNum eq a and (OrderLine gt b or (OrderLine eq b and (OrderRelNum gt c))))}. */
    public String afterFilter(String prefix) {
        String num = prefix + "OrderNum";
        String line = prefix + "OrderLine";
        String rel = prefix + "OrderRelNum";
        return num + " gt " + orderNum + " or (" + num + " eq " + orderNum + " and (" + line + " gt " + orderLine
                + " or (" + line + " eq " + orderLine + " and (" + rel + " gt " + orderRelNum + "))))";
    }
}
