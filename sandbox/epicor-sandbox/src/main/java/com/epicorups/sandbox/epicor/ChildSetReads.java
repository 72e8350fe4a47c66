package com.epicorups.sandbox.epicor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code $filter} on a business object's child sets (OrderDtls, OrderRels, ShipToes, ShipDtls, CartonTrkDtls) under
 * the sandbox's {@link ChildSetFilter} mode, for the sets it applies to (all child sets unless named).
 */
final class ChildSetReads {
  private final EpicorDataset dataset;
  private final ChildSetFilter mode;
  private final Set<String> sets;
  /**
   * Up to this many selected primary rows, their children are read through the child's key index; more (a filter
   * such as ReadyToFulfill eq true selecting most headers) and the child set is scanned, which answers the same.
   */
  private static final int BY_KEY_LIMIT = 200;

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
    String otherOptions = RawQuery.without(rawQuery, "$filter");
    // The primary rows the filter selects, found through the key indexes where it names keys (OrderNum eq ...).
    List<Map<String, Object>> selected = dataset.withRowsOfCompany(primary.entitySet(), company,
        primaryFilter.filter(), rows -> engine.apply(primaryFilter, rows, Integer.MAX_VALUE).rows());
    if (selected.size() <= BY_KEY_LIMIT) {
      // Their children, by the primary's key (a key of the child too): an indexed read instead of a scan.
      List<String> terms = new ArrayList<>();
      for (Map<String, Object> row : selected) {
        terms.add("(" + primaryKeyColumns(primary).stream().map(c -> c + " eq " + literal(row.get(c)))
            .collect(Collectors.joining(" and ")) + ")");
      }
      String filter = terms.isEmpty() ? "false" : String.join(" or ", terms);
      if (parentKeys != null) {
        filter = "(" + filter + ") and " + parentKeys.entrySet().stream().filter(k -> !k.getKey().equals("Company"))
            .map(k -> k.getKey() + " eq " + literal(k.getValue())).collect(Collectors.joining(" and "));
      }
      String raw = (otherOptions == null ? "" : otherOptions + "&") + "$filter="
          + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
      QueryEngine.Query childQuery = engine.parse(child.entitySet(), raw);
      return dataset.withRowsOfCompany(child.entitySet(), company, childQuery.filter(),
          rows -> engine.apply(childQuery, rows, defaultTopCap));
    }
    QueryEngine.Query childQuery = engine.parse(child.entitySet(), otherOptions);
    Set<List<Object>> keys = new HashSet<>();
    for (Map<String, Object> row : selected) {
      keys.add(key(primary.keys(), row));
    }
    List<Map<String, Object>> children = dataset.rowsOfCompany(child.entitySet(), company);
    children.removeIf(row -> !keys.contains(key(primary.keys(), row))
        || (parentKeys != null && parentKeys.entrySet().stream()
            .anyMatch(k -> !same(k.getValue(), row.get(k.getKey())))));
    return engine.apply(childQuery, children, defaultTopCap);
  }

  /** The primary's key columns after Company: every one is a key column of its children too. */
  private static List<String> primaryKeyColumns(EntitySetSchema primary) {
    return primary.keys().stream().filter(k -> !k.equals(EpicorDataset.COMPANY_KEY)).toList();
  }

  private static String literal(Object value) {
    return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
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
