package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rows as Epicor stores them: defaults, keys, and JSON values checked and converted to each column's type. */
final class RowValues {
  private RowValues() {}

  static Map<String, Object> defaults(EntitySetSchema set) {
    Map<String, Object> row = new LinkedHashMap<>();
    set.fields().forEach((name, type) -> row.put(name, type.defaultValue()));
    return row;
  }

  /**
   * A new row of a set Epicor keys by SysRowID too (ShipMiscs): Epicor assigns the GUID, so a blank or all-zero one in
   * the body (what GetNewShipMisc hands out) becomes a new one.
   */
  static JsonNode withNewRowId(JsonNode fields) {
    String given = fields.path("SysRowID").asText("");
    if (!given.isBlank() && !given.replace("0", "").replace("-", "").isEmpty()) {
      return fields;
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) fields)
        .deepCopy();
    return copy.put("SysRowID", UUID.randomUUID().toString());
  }

  /**
   * Whether two rows of a set keyed by SysRowID too share its unique index, the other key fields (ShipMisc's SeqNum
   * "is used as one of the components of the unique index").
   */
  static boolean sameIndex(EntitySetSchema set, Map<String, Object> a, Map<String, Object> b) {
    return set.keys().stream().filter(k -> !k.equals("SysRowID")).allMatch(k -> sameValue(a.get(k), b.get(k)));
  }

  static void requireKeys(EntitySetSchema set, JsonNode row) {
    for (String k : set.keys()) {
      if (!row.hasNonNull(k)) {
        throw new DatasetException("key field " + k + " is missing");
      }
    }
  }

  static List<Object> keyOf(EntitySetSchema set, Map<String, Object> row, String where) {
    List<Object> key = new ArrayList<>();
    for (String k : set.keys()) {
      Object value = row.get(k);
      if (value == null || (k.equals("Company") && "".equals(value))) {
        throw new DatasetException(where + ": key field " + k + " is missing");
      }
      key.add(value);
    }
    return key;
  }

  /** Checks names and JSON types of a partial row and converts values to the stored form. */
  static Map<String, Object> coerceRow(EntitySetSchema set, JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      FieldType type = set.type(field.getKey());
      if (type == null) {
        throw new UnknownFieldException(set, field.getKey());
      }
      out.put(field.getKey(), coerce(field.getKey(), type, field.getValue()));
    }
    return out;
  }

  static Object coerce(String name, FieldType type, JsonNode value) {
    if (value == null || value.isNull()) {
      if (type == FieldType.DATE || type == FieldType.STRING) {
        return type.defaultValue();
      }
      throw new DatasetException("field '" + name + "' must be a " + type.jsonType() + ", got null");
    }
    switch (type) {
      case STRING:
        if (value.isTextual()) {
          return value.asText();
        }
        break;
      case BOOLEAN:
        if (value.isBoolean()) {
          return value.asBoolean();
        }
        break;
      case INT32:
      case INT64:
        if (value.isIntegralNumber()) {
          return value.asLong();
        }
        if (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0) {
          return value.decimalValue().longValueExact();
        }
        break;
      case DECIMAL:
        if (value.isNumber()) {
          return value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        }
        break;
      case DATE:
        if (value.isTextual()) {
          return normaliseDate(name, value.asText());
        }
        break;
      default:
        break;
    }
    throw new DatasetException("field '" + name + "' must be a " + (type == FieldType.DATE ? "date string" : type.jsonType())
        + (type == FieldType.INT32 || type == FieldType.INT64 ? " (integer)" : "") + ", got " + value);
  }

  private static String normaliseDate(String name, String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toString() + ":00";
      }
      try {
        OffsetDateTime.parse(text);
        return text;
      } catch (DateTimeParseException noOffset) {
        LocalDateTime.parse(text);
        return text;
      }
    } catch (DateTimeParseException e) {
      throw new DatasetException("field '" + name + "' must be an ISO date (2024-01-31 or 2024-01-31T00:00:00), got \"" + text + "\"");
    }
  }

  static boolean sameValue(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof String x && b instanceof String y) {
      return x.equalsIgnoreCase(y);
    }
    return java.util.Objects.equals(a, b);
  }
}
