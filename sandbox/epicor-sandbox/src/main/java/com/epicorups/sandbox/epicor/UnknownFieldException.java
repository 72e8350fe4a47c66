package com.epicorups.sandbox.epicor;

/** A row names a column its table does not have (an undeclared UD column included). */
final class UnknownFieldException extends DatasetException {
  private final EntitySetSchema set;
  private final String field;

  UnknownFieldException(EntitySetSchema set, String field) {
    super("unknown field '" + field + "' for " + set.table()
        + (field.endsWith("_c") ? " (declare UD fields under " + EpicorDataset.UD_FIELDS_KEY + ")" : ""));
    this.set = set;
    this.field = field;
  }

  EntitySetSchema set() {
    return set;
  }

  String field() {
    return field;
  }
}
