package com.epicorups.cli.bench;

import com.epicorups.core.Json;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * N eligible releases in the Epicor sandbox's dataset format, made from the sample data's US orders that ship
 * cleanly (multi-line orders, a line released to three ship-tos, four warehouses' worth of ship vias, parts with
 * weights, addresses the UPS sandbox validates). Each copy of a template order gets a new OrderNum; customers,
 * ship-tos, parts, warehouses, ship vias and countries are the sample's. The sample's other orders (skips, faults, foreign addresses) are left out,
 * so every generated release is one the connector should ship.
 */
public final class SyntheticDataset {
    /** Sample orders whose open releases are eligible and ship: 18 releases per round. */
    static final List<Integer> TEMPLATE_ORDERS = List.of(5001, 5002, 5003, 5016, 5022, 5025, 5028, 5030);
    static final int FIRST_ORDER_NUM = 100_001;
    /** Sample packs copied in pack mode: no cartons, three cartons, one carton (all domestic, all UPS). */
    static final List<Integer> TEMPLATE_PACKS = List.of(1004, 1005, 1008);
    static final int FIRST_PACK_NUM = 200_001;
    private static final Set<String> KEPT_AS_IS = Set.of("Customers", "ShipToes", "Parts", "Warehses", "ShipVias",
            "Countries");
    private static final Set<String> EMPTIED = Set.of("CustShips", "ShipDtls", "CartonTrkDtls");

    private SyntheticDataset() {
    }

    /** The dataset JSON with exactly {@code releases} eligible releases. */
    public static String json(int releases) {
        if (releases < 1) {
            throw new IllegalArgumentException("releases must be >= 1");
        }
        ObjectNode sample = sample();
        ObjectNode out = Json.mapper().createObjectNode();
        sample.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (KEPT_AS_IS.contains(name) || !e.getValue().isArray()) {
                out.set(name, e.getValue());
            } else if (EMPTIED.contains(name)) {
                out.putArray(name);
            }
        });
        out.put("_comment", "Synthetic benchmark dataset: " + releases + " eligible releases made from sample orders "
                + TEMPLATE_ORDERS + " (SyntheticDataset).");
        ArrayNode orders = out.putArray("SalesOrders");
        ArrayNode lines = out.putArray("OrderDtls");
        ArrayNode rels = out.putArray("OrderRels");
        int made = 0;
        int orderNum = FIRST_ORDER_NUM;
        while (made < releases) {
            for (int template : TEMPLATE_ORDERS) {
                if (made >= releases) {
                    break;
                }
                List<JsonNode> templateRels = rowsOf(sample, "OrderRels", template).stream()
                        .filter(SyntheticDataset::open).toList();
                int take = Math.min(templateRels.size(), releases - made);
                Set<Integer> usedLines = new java.util.TreeSet<>();
                for (JsonNode rel : templateRels.subList(0, take)) {
                    rels.add(renumber(rel, orderNum));
                    usedLines.add(rel.path("OrderLine").asInt());
                }
                for (JsonNode line : rowsOf(sample, "OrderDtls", template)) {
                    if (usedLines.contains(line.path("OrderLine").asInt())) {
                        lines.add(renumber(line, orderNum));
                    }
                }
                ObjectNode order = renumber(rowsOf(sample, "SalesOrders", template).get(0), orderNum);
                order.put("PONum", "PO-BENCH-" + orderNum);
                orders.add(order);
                made += take;
                orderNum++;
            }
        }
        return out.toString();
    }

    /**
     * Pack mode: {@code packs} freighted packs, copies of sample packs 1004 (three lines, no cartons, 23.5 LB), 1005
     * (four lines, three cartons) and 1008 (two lines, one carton), each with a copy of its order (new OrderNum) and
     * a new PackNum. The sample's own packs are left out.
     */
    public static String packsJson(int packs) {
        if (packs < 1) {
            throw new IllegalArgumentException("packs must be >= 1");
        }
        ObjectNode sample = sample();
        ObjectNode out = Json.mapper().createObjectNode();
        sample.fields().forEachRemaining(e -> {
            if (KEPT_AS_IS.contains(e.getKey()) || !e.getValue().isArray()) {
                out.set(e.getKey(), e.getValue());
            }
        });
        out.put("_comment", "Synthetic benchmark dataset: " + packs + " freighted packs made from sample packs "
                + TEMPLATE_PACKS + " (SyntheticDataset).");
        ArrayNode orders = out.putArray("SalesOrders");
        ArrayNode lines = out.putArray("OrderDtls");
        ArrayNode rels = out.putArray("OrderRels");
        ArrayNode heads = out.putArray("CustShips");
        ArrayNode packLines = out.putArray("ShipDtls");
        ArrayNode cartons = out.putArray("CartonTrkDtls");
        for (int i = 0; i < packs; i++) {
            int template = TEMPLATE_PACKS.get(i % TEMPLATE_PACKS.size());
            int orderNum = FIRST_ORDER_NUM + i;
            int packNum = FIRST_PACK_NUM + i;
            JsonNode head = rowsOf(sample, "CustShips", "PackNum", template).get(0);
            int templateOrder = rowsOf(sample, "ShipDtls", "PackNum", template).get(0).path("OrderNum").asInt();
            ObjectNode order = renumber(rowsOf(sample, "SalesOrders", templateOrder).get(0), orderNum);
            order.put("PONum", "PO-BENCH-" + orderNum);
            orders.add(order);
            rowsOf(sample, "OrderDtls", templateOrder).forEach(r -> lines.add(renumber(r, orderNum)));
            rowsOf(sample, "OrderRels", templateOrder).forEach(r -> rels.add(renumber(r, orderNum)));
            heads.add(repacked(head, packNum, orderNum));
            rowsOf(sample, "ShipDtls", "PackNum", template).forEach(r -> packLines.add(repacked(r, packNum, orderNum)));
            for (JsonNode c : sample.path("CartonTrkDtls")) {
                if (c.path("PackNum").asInt() == template) {
                    ObjectNode carton = repacked(c, packNum, orderNum);
                    carton.remove("CaseID");
                    cartons.add(carton);
                }
            }
        }
        return out.toString();
    }

    private static ObjectNode repacked(JsonNode row, int packNum, int orderNum) {
        ObjectNode copy = ((ObjectNode) row).deepCopy();
        copy.put("PackNum", packNum);
        if (copy.has("OrderNum")) {
            copy.put("OrderNum", orderNum);
        }
        copy.remove("SysRevID");
        return copy;
    }

    private static List<JsonNode> rowsOf(ObjectNode sample, String set, String column, int value) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : sample.path(set)) {
            if (row.path(column).asInt() == value) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the sample data has no " + set + " rows with " + column + " " + value);
        }
        return rows;
    }

    public static EpicorDataset dataset(int releases) {
        return EpicorDataset.fromJson(json(releases));
    }

    /** An open, firm release ready to fulfil (the sample's closed and shipped releases are left out). */
    private static boolean open(JsonNode rel) {
        return rel.path("OpenRelease").asBoolean() && !rel.path("VoidRelease").asBoolean()
                && rel.path("FirmRelease").asBoolean() && rel.path("ReadyToFulfill").asBoolean()
                && rel.path("OurStockShippedQty").asDouble() == 0;
    }

    private static ObjectNode renumber(JsonNode row, int orderNum) {
        ObjectNode copy = ((ObjectNode) row).deepCopy();
        copy.put("OrderNum", orderNum);
        copy.remove("SysRevID");
        return copy;
    }

    private static List<JsonNode> rowsOf(ObjectNode sample, String set, int orderNum) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : sample.path(set)) {
            if (row.path("OrderNum").asInt() == orderNum) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the sample data has no " + set + " rows for order " + orderNum);
        }
        return rows;
    }

    private static ObjectNode sample() {
        try (InputStream in = EpicorDataset.class.getResourceAsStream("/epicor-sample-data.json")) {
            if (in == null) {
                throw new IllegalStateException("epicor-sample-data.json is missing from the classpath");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
