package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of one entity set kept in key order, with an equality index on each key column after Company, so a
 * read needs no sort and a keyed $filter can fetch its candidate rows without a scan. Not thread-safe: the
 * dataset's read/write lock guards it.
 */
final class OrderedRows {
  private final EntitySetSchema set;
  private final TreeMap<List<Object>, Map<String, Object>> byKey = new TreeMap<>(OrderedRows::compareKeys);
  /** Key column → index value (see {@link #indexValue}) → the rows with that value, in key order. */
  private final Map<String, Map<Object, TreeMap<List<Object>, Map<String, Object>>>> indexes = new HashMap<>();

  OrderedRows(EntitySetSchema set) {
    this.set = set;
    for (String key : set.keys()) {
      if (!key.equals(EpicorDataset.COMPANY_KEY)) {
        indexes.put(key, new HashMap<>());
      }
    }
  }

  /** The key columns a lookup may use. */
  java.util.Set<String> indexedColumns() {
    return indexes.keySet();
  }

  Map<String, Object> get(List<Object> key) {
    return byKey.get(key);
  }

  boolean containsKey(List<Object> key) {
    return byKey.containsKey(key);
  }

  /** Adds a row unless its key is taken; returns the row already there, else null. */
  Map<String, Object> putIfAbsent(List<Object> key, Map<String, Object> row) {
    Map<String, Object> existing = byKey.putIfAbsent(key, row);
    if (existing == null) {
      indexes.forEach((column, index) -> index
          .computeIfAbsent(indexValue(set.type(column), key.get(position(column))), v -> newKeyMap())
          .put(key, row));
    }
    return existing;
  }

  Map<String, Object> remove(List<Object> key) {
    Map<String, Object> removed = byKey.remove(key);
    if (removed != null) {
      indexes.forEach((column, index) -> {
        Object value = indexValue(set.type(column), key.get(position(column)));
        TreeMap<List<Object>, Map<String, Object>> rows = index.get(value);
        rows.remove(key);
        if (rows.isEmpty()) {
          index.remove(value);
        }
      });
    }
    return removed;
  }

  /** Every row, in key order. */
  Collection<Map<String, Object>> all() {
    return byKey.values();
  }

  /**
   * The rows whose indexed column equals one of the lookups' values (the union over all lookups), in key order.
   * Values are index values ({@link #indexValue}); a value no row has, or of another type, finds nothing.
   */
  Collection<Map<String, Object>> lookup(List<KeyLookups.Lookup> lookups) {
    if (lookups.size() == 1) {
      KeyLookups.Lookup only = lookups.get(0);
      TreeMap<List<Object>, Map<String, Object>> rows = indexes.get(only.column()).get(only.value());
      return rows == null ? List.of() : rows.values();
    }
    TreeMap<List<Object>, Map<String, Object>> union = newKeyMap();
    for (KeyLookups.Lookup lookup : lookups) {
      TreeMap<List<Object>, Map<String, Object>> rows = indexes.get(lookup.column()).get(lookup.value());
      if (rows != null) {
        union.putAll(rows);
      }
    }
    return union.values();
  }

  private int position(String column) {
    return set.keys().indexOf(column);
  }

  private static TreeMap<List<Object>, Map<String, Object>> newKeyMap() {
    return new TreeMap<>(OrderedRows::compareKeys);
  }

  /**
   * The form of a stored value two values share exactly when $filter's {@code eq} finds them equal
   * (RowExpressionEvaluator.equal on the evaluator's comparable values): strings ignoring case, numbers by value.
   */
  static Object indexValue(FieldType type, Object stored) {
    return foldForEquality(RowExpressionEvaluator.comparable(type, stored));
  }

  /** {@link #indexValue} of a value already in the evaluator's comparable form (a literal's value). */
  static Object foldForEquality(Object comparable) {
    if (comparable instanceof String s) {
      return foldCase(s);
    }
    if (comparable instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    return comparable;
  }

  /**
   * Two strings fold to the same string exactly when {@link String#equalsIgnoreCase} holds: it compares code
   * point by code point, equal when the upper cases match or the lower cases of the upper cases match.
   */
  static String foldCase(String s) {
    StringBuilder folded = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
    return folded.toString();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Copies of every row in key order. */
  List<Map<String, Object>> copies() {
    List<Map<String, Object>> copies = new ArrayList<>(byKey.size());
    for (Map<String, Object> row : byKey.values()) {
      copies.add(new java.util.LinkedHashMap<>(row));
    }
    return copies;
  }
}
