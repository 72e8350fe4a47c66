package com.epicorups.sandbox.epicor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OData entity set the sandbox serves: its service, its table (row type), its key columns in URL
 * order, and every column with its type (standard columns first, then the dataset's UD columns).
 */
public record EntitySetSchema(
    String service, String entitySet, String table, List<String> keys, Map<String, FieldType> fields) {

  public EntitySetSchema {
    keys = List.copyOf(keys);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public boolean hasField(String name) {
    return fields.containsKey(name);
  }

  public FieldType type(String name) {
    return fields.get(name);
  }

  /** Epicor's row type name, e.g. Erp.Tablesets.OrderRelRow. */
  public String rowTypeName() {
    return table + "Row";
  }

  EntitySetSchema withExtraFields(Map<String, FieldType> extra) {
    Map<String, FieldType> all = new LinkedHashMap<>(fields);
    all.putAll(extra);
    return new EntitySetSchema(service, entitySet, table, keys, all);
  }
}
