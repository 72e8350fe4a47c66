package com.epicorups.sandbox.epicor;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code $filter} on a business object's child sets (OrderDtls, OrderRels, ShipToes, ShipDtls, CartonTrkDtls) under
 * the sandbox's {@link ChildSetFilter} mode, for the sets it applies to (all child sets unless named).
 */
final class ChildSetReads {
  private final EpicorDataset dataset;
  private final ChildSetFilter mode;
  private final Set<String> sets;

  ChildSetReads(EpicorDataset dataset, ChildSetFilter mode, Set<String> sets) {
    this.dataset = dataset;
    this.mode = mode;
    this.sets = Set.copyOf(sets);
  }

  /** Whether this read of {@code set} goes another way than OData's (a $filter on a child set, mode not CHILD). */
  boolean applies(EntitySetSchema set, String rawQuery) {
    return mode != ChildSetFilter.CHILD
        && !dataset.schema().primarySetOf(set.service()).entitySet().equals(set.entitySet())
        && (sets.isEmpty() || sets.contains(set.entitySet()))
        && RawQuery.has(rawQuery, "$filter");
  }

  /**
   * The child rows of one company (under one parent row when {@code parentKeys} is not null) whose primary-table
   * row matches the filter (PARENT), or the refusal (REFUSE); the other query options apply to the child.
   */
  QueryEngine.Result read(EntitySetSchema child, String company, Map<String, Object> parentKeys, String rawQuery,
      int defaultTopCap) {
    if (mode == ChildSetFilter.REFUSE) {
      throw EpicorApiException.badRequest("Invalid OData query: $filter is not supported on " + child.entitySet()
          + " (a child set of " + child.service() + "); read it through a BAQ or by key.");
    }
    EntitySetSchema primary = dataset.schema().primarySetOf(child.service());
    QueryEngine engine = dataset.queries();
    QueryEngine.Query primaryFilter = engine.parse(primary.entitySet(), RawQuery.only(rawQuery, "$filter"));
    QueryEngine.Query childQuery = engine.parse(child.entitySet(), RawQuery.without(rawQuery, "$filter"));
    Set<List<Object>> selected = new HashSet<>();
    for (Map<String, Object> row : engine.apply(primaryFilter, dataset.rowsOfCompany(primary.entitySet(), company),
        Integer.MAX_VALUE).rows()) {
      selected.add(key(primary.keys(), row));
    }
    List<Map<String, Object>> children = dataset.rowsOfCompany(child.entitySet(), company);
    children.removeIf(row -> !selected.contains(key(primary.keys(), row))
        || (parentKeys != null && parentKeys.entrySet().stream()
            .anyMatch(k -> !same(k.getValue(), row.get(k.getKey())))));
    return engine.apply(childQuery, children, defaultTopCap);
  }

  private static List<Object> key(List<String> columns, Map<String, Object> row) {
    return columns.stream().map(c -> normal(row.get(c))).toList();
  }

  private static boolean same(Object a, Object b) {
    return normal(a).equals(normal(b));
  }

  /** Key values as compared by SQL Server: strings ignoring case, numbers by value. */
  private static Object normal(Object value) {
    if (value instanceof String s) {
      return s.toUpperCase(Locale.ROOT);
    }
    if (value instanceof Number n) {
      return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
    }
    return value == null ? "" : value;
  }
}
