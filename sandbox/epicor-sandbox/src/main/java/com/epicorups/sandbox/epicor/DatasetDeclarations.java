package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a dataset file that declare the tenant rather than list rows: UDFields and BAQs. */
final class DatasetDeclarations {
  private DatasetDeclarations() {}

  /** {@code {"OrderRel": ["A_c", ...]}} or {@code {"OrderRel": {"A_c": "date", ...}}}: UD columns by table or set. */
  static Map<String, Map<String, FieldType>> udFields(JsonNode node) {
    Map<String, Map<String, FieldType>> result = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return result;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("must be an object {table: [fields] or {field: type}}");
    }
    node.fields().forEachRemaining(entry -> {
      Map<String, FieldType> fields = new LinkedHashMap<>();
      if (entry.getValue().isArray()) {
        entry.getValue().forEach(name -> fields.put(name.asText(), FieldType.STRING));
      } else if (entry.getValue().isObject()) {
        entry.getValue().fields().forEachRemaining(
            f -> fields.put(f.getKey(), FieldType.fromDeclaration(f.getValue().asText())));
      } else {
        throw new IllegalArgumentException(entry.getKey() + " must list field names or map them to types");
      }
      result.put(entry.getKey(), fields);
    });
    return result;
  }

  /** {@code {"ReadyToShip": {"from": "OrderRels", "filter": "...", "columns": [...]}}}, filters parsed at load. */
  static Map<String, BaqDefinition> baqs(String where, EpicorSchema schema, JsonNode node) {
    Map<String, BaqDefinition> result = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return result;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String baqWhere = where + ": " + EpicorDataset.BAQS_KEY + "." + entry.getKey();
      JsonNode def = entry.getValue();
      String from = def.path("from").asText(null);
      EntitySetSchema set = from == null ? null : schema.entitySet(from).orElse(null);
      if (set == null) {
        throw new DatasetException(baqWhere + ": 'from' must name a served entity set, got " + from);
      }
      List<String> columns = new ArrayList<>();
      def.path("columns").forEach(c -> columns.add(c.asText()));
      if (columns.isEmpty()) {
        throw new DatasetException(baqWhere + ": 'columns' must list at least one field of " + set.table());
      }
      for (String column : columns) {
        if (!set.hasField(column)) {
          throw new DatasetException(baqWhere + ": unknown column '" + column + "' on " + set.table());
        }
      }
      result.put(entry.getKey(), new BaqDefinition(entry.getKey(), from, def.path("filter").asText(""), columns));
    }
    // Parse every BAQ filter now so a bad one fails the load, not the first call.
    EpicorEdm edm = new EpicorEdm(schema, result);
    QueryEngine engine = new QueryEngine(edm);
    for (BaqDefinition baq : result.values()) {
      if (!baq.filter().isBlank()) {
        try {
          engine.parse(baq.from(), "$filter=" + URLEncoder.encode(baq.filter(), StandardCharsets.UTF_8));
        } catch (EpicorApiException e) {
          throw new DatasetException(where + ": " + EpicorDataset.BAQS_KEY + "." + baq.id() + ": bad filter: " + e.getMessage());
        }
      }
    }
    return result;
  }
}
