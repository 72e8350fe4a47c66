package com.epicorups.sandbox.epicor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.SelectItem;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.core.uri.parser.Parser;
import org.apache.olingo.server.core.uri.parser.UriParserException;
import org.apache.olingo.server.core.uri.validator.UriValidationException;

/** Applies OData query options, parsed strictly by Olingo, to in-memory rows. */
final class QueryEngine {

  /** The rows of one page, and the total matching count when $count=true was asked. */
  record Result(List<Map<String, Object>> rows, Long count) {}

  /** Query options parsed once, applicable to any row list of that table. */
  record Query(UriInfo info, EpicorEdm.Table table) {
    /** The parsed $filter, or null without one. */
    Expression filter() {
      return info.getFilterOption() == null ? null : info.getFilterOption().getExpression();
    }
  }

  private final EpicorEdm edm;
  /** Rows a $filter was evaluated on, over this engine's life: lets tests see how many rows a read touched. */
  private final LongAdder filterEvaluations = new LongAdder();

  QueryEngine(EpicorEdm edm) {
    this.edm = edm;
  }

  /** Parses the raw (still percent-encoded) query string against one table's columns. */
  Query parse(String edmSetName, String rawQuery) {
    String query = rawQuery == null ? null : rawQuery.replace("+", "%20");
    try {
      UriInfo info = new Parser(edm.edm(), edm.odata()).parseUri(edmSetName, query, null, "");
      rejectUnsupported(info);
      return new Query(info, edm.table(edmSetName));
    } catch (UriParserException | UriValidationException e) {
      throw EpicorApiException.badRequest("Invalid OData query: " + describe(e));
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof ODataLibraryException library) {
      // The translated text names the offending property or token; the plain message does not.
      String translated = library.getTranslatedMessage(java.util.Locale.ENGLISH).getMessage();
      if (translated != null && !translated.isBlank()) {
        return translated;
      }
    }
    return message;
  }

  private static void rejectUnsupported(UriInfo info) {
    List<String> unsupported = new ArrayList<>();
    if (info.getExpandOption() != null) {
      unsupported.add("$expand");
    }
    if (info.getSearchOption() != null) {
      unsupported.add("$search");
    }
    if (info.getApplyOption() != null) {
      unsupported.add("$apply");
    }
    if (info.getSkipTokenOption() != null) {
      unsupported.add("$skiptoken");
    }
    if (!unsupported.isEmpty()) {
      throw EpicorApiException.badRequest("Query option(s) not supported by this service: " + unsupported);
    }
  }

  /** Filters, orders, pages and projects the rows. */
  Result apply(Query query, List<Map<String, Object>> rows, int defaultTopCap) {
    UriInfo info = query.info();
    Map<String, FieldType> columns = query.table().columns();
    List<Map<String, Object>> matching = matching(query, rows);
    try {
      if (info.getOrderByOption() != null) {
        matching = sorted(matching, info.getOrderByOption().getOrders(), columns);
      }
      Long count = info.getCountOption() != null && info.getCountOption().getValue() ? (long) matching.size() : null;
      int skip = info.getSkipOption() == null ? 0 : info.getSkipOption().getValue();
      int top = info.getTopOption() == null ? defaultTopCap : info.getTopOption().getValue();
      List<Map<String, Object>> page = matching.subList(Math.min(skip, matching.size()),
          (int) Math.min((long) skip + top, matching.size()));
      Set<String> selected = selected(info);
      List<Map<String, Object>> projected = new ArrayList<>(page.size());
      for (Map<String, Object> row : page) {
        projected.add(project(row, selected));
      }
      return new Result(projected, count);
    } catch (IllegalStateException | ClassCastException e) {
      throw EpicorApiException.badRequest("Invalid OData query: " + describe(e));
    }
  }

  /** The rows the query's $filter matches, as they are (no copy): for apply to order and page, or a caller to project. */
  List<Map<String, Object>> matching(Query query, List<Map<String, Object>> rows) {
    UriInfo info = query.info();
    if (info.getFilterOption() == null) {
      return rows;
    }
    filterEvaluations.add(rows.size());
    try {
      List<Map<String, Object>> matching = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        if (RowExpressionEvaluator.matches(info.getFilterOption().getExpression(), row, query.table().columns())) {
          matching.add(row);
        }
      }
      return matching;
    } catch (ExpressionVisitException | IllegalStateException | ClassCastException e) {
      throw EpicorApiException.badRequest("Invalid OData query: " + describe(e));
    }
  }

  long filterEvaluations() {
    return filterEvaluations.sum();
  }

  /** Applies only $select to a single row (GET by key). */
  Map<String, Object> projectOne(Query query, Map<String, Object> row) {
    return project(row, selected(query.info()));
  }

  private static Map<String, Object> project(Map<String, Object> row, Set<String> selected) {
    if (selected == null) {
      return new LinkedHashMap<>(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field : selected) {
      out.put(field, row.get(field));
    }
    return out;
  }

  private static Set<String> selected(UriInfo info) {
    if (info.getSelectOption() == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (SelectItem item : info.getSelectOption().getSelectItems()) {
      if (item.isStar()) {
        return null;
      }
      List<UriResource> parts = item.getResourcePath() == null ? List.of() : item.getResourcePath().getUriResourceParts();
      if (parts.size() != 1 || !(parts.get(0) instanceof UriResourcePrimitiveProperty property)) {
        throw EpicorApiException.badRequest("Invalid OData query: $select supports plain column names only");
      }
      names.add(property.getProperty().getName());
    }
    return names;
  }

  /**
   * The rows stably sorted by the $orderby items. Each row's value of an item is evaluated once, when a comparison
   * first needs it, not on every comparison: the same values, compared in the same sequence, fail on the same
   * evaluation, so the order and any error are the ones evaluating per comparison gives.
   */
  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows, List<OrderByItem> orders,
      Map<String, FieldType> columns) {
    List<SortRow> sortable = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      sortable.add(new SortRow(row, orders.size()));
    }
    sortable.sort((a, b) -> {
      for (int i = 0; i < orders.size(); i++) {
        OrderByItem order = orders.get(i);
        int c = RowExpressionEvaluator.compareForSort(a.value(i, order, columns), b.value(i, order, columns));
        if (c != 0) {
          return order.isDescending() ? -c : c;
        }
      }
      return 0;
    });
    List<Map<String, Object>> out = new ArrayList<>(sortable.size());
    for (SortRow row : sortable) {
      out.add(row.row);
    }
    return out;
  }

  /** A row with its $orderby values, each evaluated on first use. */
  private static final class SortRow {
    private static final Object NOT_YET = new Object();
    final Map<String, Object> row;
    private final Object[] values;

    SortRow(Map<String, Object> row, int items) {
      this.row = row;
      this.values = new Object[items];
      java.util.Arrays.fill(values, NOT_YET);
    }

    Object value(int item, OrderByItem order, Map<String, FieldType> columns) {
      if (values[item] == NOT_YET) {
        try {
          values[item] = RowExpressionEvaluator.evaluate(order.getExpression(), row, columns);
        } catch (ExpressionVisitException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      return values[item];
    }
  }

}
