package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * A large dataset made from the sample: every sample order (with its lines and releases, eligible or not) copied
 * under new order numbers, like the bench's SyntheticDataset but keeping the sample's variety of releases
 * (closed, void, not ready, other ship vias). Customers, ship-tos and parts are the sample's.
 */
final class SyntheticOrders {
  static final int FIRST_ORDER_NUM = 100_001;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ORDER_SETS = Set.of("SalesOrders", "OrderDtls", "OrderRels");

  private SyntheticOrders() {
  }

  /** The sample's orders copied until there are at least {@code releases} releases (whole orders only). */
  static String json(int releases) {
    return json(releases, true, true);
  }

  /** Like {@link #json(int)}, leaving SalesOrders or OrderDtls empty when not wanted (large sets load slowly). */
  static String json(int releases, boolean withOrders, boolean withLines) {
    ObjectNode sample = sample();
    ObjectNode out = MAPPER.createObjectNode();
    sample.fields().forEachRemaining(e -> {
      if (!ORDER_SETS.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    ArrayNode orders = out.putArray("SalesOrders");
    ArrayNode lines = out.putArray("OrderDtls");
    ArrayNode rels = out.putArray("OrderRels");
    List<JsonNode> templates = list(sample.path("SalesOrders"));
    int orderNum = FIRST_ORDER_NUM;
    while (rels.size() < releases) {
      for (JsonNode order : templates) {
        int template = order.path("OrderNum").asInt();
        if (withOrders) {
          orders.add(renumber(order, orderNum));
        }
        if (withLines) {
          copyRows(sample.path("OrderDtls"), template, orderNum, lines);
        }
        copyRows(sample.path("OrderRels"), template, orderNum, rels);
        orderNum++;
        if (rels.size() >= releases) {
          break;
        }
      }
    }
    return out.toString();
  }

  static EpicorDataset dataset(int releases) {
    return EpicorDataset.fromJson(json(releases));
  }

  static EpicorDataset releasesOnly(int releases) {
    return EpicorDataset.fromJson(json(releases, false, false));
  }

  static EpicorDataset withoutLines(int releases) {
    return EpicorDataset.fromJson(json(releases, true, false));
  }

  private static void copyRows(JsonNode rows, int template, int orderNum, ArrayNode into) {
    for (JsonNode row : rows) {
      if (row.path("OrderNum").asInt() == template) {
        into.add(renumber(row, orderNum));
      }
    }
  }

  private static ObjectNode renumber(JsonNode row, int orderNum) {
    ObjectNode copy = ((ObjectNode) row).deepCopy();
    copy.put("OrderNum", orderNum);
    copy.remove("SysRevID");
    return copy;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static ObjectNode sample() {
    try (InputStream in = EpicorDataset.class.getResourceAsStream("/epicor-sample-data.json")) {
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
