package com.epicorups.sandbox.epicor;

import java.util.List;

/**
 * A BAQ served at BaqSvc/{id}/Data: the rows of one entity set that match an OData filter, projected
 * to columns named the way Epicor names BAQ columns ({Table}_{Field}, e.g. OrderRel_OrderNum).
 */
public record BaqDefinition(String id, String from, String filter, List<String> columns) {
  /** The column every BAQ result row carries after the BAQ's own columns (empty for a BAQ that is not updatable). */
  public static final String ROW_IDENT = "RowIdent";

  public BaqDefinition {
    columns = List.copyOf(columns);
  }

  /** The BAQ result column name for a source field. */
  public static String columnName(EntitySetSchema source, String field) {
    return source.table() + "_" + field;
  }
}
