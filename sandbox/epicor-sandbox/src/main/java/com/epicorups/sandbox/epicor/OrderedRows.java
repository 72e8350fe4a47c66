package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The rows of one entity set kept in key order, with an equality index on each key column after Company and an
 * ordered index on SysRevID, so a read needs no sort and a $filter on keys or on "changed since" can fetch its
 * candidate rows without a scan. Not thread-safe: the dataset's read/write lock guards it.
 */
final class OrderedRows {
  /** The column the ordered index covers: the poller pages by it ({@code SysRevID gt X or (SysRevID eq X and ...)}). */
  static final String REVISION = "SysRevID";

  private final EntitySetSchema set;
  private final TreeMap<List<Object>, Map<String, Object>> byKey = new TreeMap<>(OrderedRows::compareKeys);
  /** Key column → index value (see {@link #indexValue}) → the rows with that value, in key order. */
  private final Map<String, Map<Object, TreeMap<List<Object>, Map<String, Object>>>> indexes = new HashMap<>();
  /** SysRevID as a BigDecimal (the evaluator's form) → the rows with it; null when the set has no SysRevID. */
  private final TreeMap<BigDecimal, Map<List<Object>, Map<String, Object>>> byRevision;

  OrderedRows(EntitySetSchema set) {
    this.set = set;
    for (String key : set.keys()) {
      if (!key.equals(EpicorDataset.COMPANY_KEY)) {
        indexes.put(key, new HashMap<>());
      }
    }
    byRevision = set.type(REVISION) == FieldType.INT64 ? new TreeMap<>() : null;
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
      indexRevision(key, row);
    }
    return existing;
  }

  /** Changes a row in place through {@code change}, which may change any column but the key ones. */
  void change(List<Object> key, Consumer<Map<String, Object>> change) {
    Map<String, Object> row = byKey.get(key);
    if (row == null) {
      throw new IllegalStateException(set.table() + " " + key + " is not there to change");
    }
    unindexRevision(key, row);
    change.accept(row);
    indexRevision(key, row);
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
      unindexRevision(key, removed);
    }
    return removed;
  }

  private void indexRevision(List<Object> key, Map<String, Object> row) {
    if (byRevision != null) {
      byRevision.computeIfAbsent(revisionOf(row), r -> new HashMap<>(2)).put(key, row);
    }
  }

  private void unindexRevision(List<Object> key, Map<String, Object> row) {
    if (byRevision != null) {
      BigDecimal revision = revisionOf(row);
      Map<List<Object>, Map<String, Object>> rows = byRevision.get(revision);
      rows.remove(key);
      if (rows.isEmpty()) {
        byRevision.remove(revision);
      }
    }
  }

  private static BigDecimal revisionOf(Map<String, Object> row) {
    return (BigDecimal) RowExpressionEvaluator.comparable(FieldType.INT64, row.get(REVISION));
  }

  /** Every row, in key order. */
  Collection<Map<String, Object>> all() {
    return byKey.values();
  }

  /**
   * The rows the lookups find (the union over all lookups), in key order; null when more than one lookup finds
   * more than {@code scanAbove} rows, where merging them into key order would cost more than scanning the set.
   * Equality values are index values ({@link #indexValue}); a value no row has, or of another type, finds nothing.
   */
  Collection<Map<String, Object>> lookup(List<KeyLookups.Lookup> lookups, int scanAbove) {
    if (lookups.size() == 1 && lookups.get(0) instanceof KeyLookups.Equal only) {
      TreeMap<List<Object>, Map<String, Object>> rows = indexes.get(only.column()).get(only.value());
      return rows == null ? List.of() : rows.values();
    }
    TreeMap<List<Object>, Map<String, Object>> union = newKeyMap();
    int found = 0;
    for (KeyLookups.Lookup lookup : lookups) {
      if (lookup instanceof KeyLookups.Equal equal) {
        TreeMap<List<Object>, Map<String, Object>> rows = indexes.get(equal.column()).get(equal.value());
        if (rows != null) {
          found += rows.size();
          if (found > scanAbove) {
            return null;
          }
          union.putAll(rows);
        }
      } else if (lookup instanceof KeyLookups.Range range) {
        for (Map<List<Object>, Map<String, Object>> rows : revisions(range).values()) {
          found += rows.size();
          if (found > scanAbove) {
            return null;
          }
          union.putAll(rows);
        }
      }
    }
    return union.values();
  }

  /** How many rows the set has. */
  int size() {
    return byKey.size();
  }

  private NavigableMap<BigDecimal, Map<List<Object>, Map<String, Object>>> revisions(KeyLookups.Range range) {
    if (byRevision == null || !range.column().equals(REVISION)) {
      throw new IllegalStateException("no ordered index on " + set.table() + "." + range.column());
    }
    if (range.low() != null && range.high() != null) {
      int order = range.low().compareTo(range.high());
      if (order > 0 || (order == 0 && !(range.lowInclusive() && range.highInclusive()))) {
        return java.util.Collections.emptyNavigableMap();
      }
      return byRevision.subMap(range.low(), range.lowInclusive(), range.high(), range.highInclusive());
    }
    if (range.low() != null) {
      return byRevision.tailMap(range.low(), range.lowInclusive());
    }
    return range.high() == null ? byRevision : byRevision.headMap(range.high(), range.highInclusive());
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
