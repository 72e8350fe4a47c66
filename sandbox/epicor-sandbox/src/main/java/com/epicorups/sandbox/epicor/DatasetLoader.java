package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a dataset file's JSON into an {@link EpicorDataset}: its UD columns, BAQs, access rules and rows. */
final class DatasetLoader {

  private DatasetLoader() {
  }

  static EpicorDataset parse(String source, JsonNode root) {
    String where = "epicor dataset " + source;
    if (root == null || !root.isObject()) {
      throw new DatasetException(where + ": must be one JSON object keyed by entity-set name");
    }
    EpicorSchema schema;
    try {
      schema = EpicorSchema.standard().withUdFields(DatasetDeclarations.udFields(root.get(EpicorDataset.UD_FIELDS_KEY)));
    } catch (IllegalArgumentException e) {
      throw new DatasetException(where + ": " + EpicorDataset.UD_FIELDS_KEY + ": " + e.getMessage(), e);
    }
    String defaultCompany = root.hasNonNull(EpicorDataset.COMPANY_KEY) ? root.get(EpicorDataset.COMPANY_KEY).asText() : null;
    Map<String, BaqDefinition> baqs = DatasetDeclarations.baqs(where, schema, root.get(EpicorDataset.BAQS_KEY));
    EpicorDataset dataset = EpicorDataset.empty(source, schema, baqs);
    try {
      AccessRules.parse(root.get(AccessRules.DATASET_KEY)).forEach(dataset.access()::deny);
    } catch (IllegalArgumentException e) {
      throw new DatasetException(where + ": " + AccessRules.DATASET_KEY + ": " + e.getMessage(), e);
    }
    if (defaultCompany != null) {
      dataset.addCompany(defaultCompany);
    }
    long maxRevision = 0;
    List<Map.Entry<String, List<Object>>> needRevision = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (key.equals(EpicorDataset.UD_FIELDS_KEY) || key.equals(EpicorDataset.BAQS_KEY) || key.equals(EpicorDataset.COMPANY_KEY)
          || key.equals(AccessRules.DATASET_KEY) || key.startsWith("_")) {
        continue;
      }
      EntitySetSchema set = schema.entitySet(key).orElseThrow(() -> new DatasetException(
          where + ": unknown entity set '" + key + "' (served sets: " + dataset.servedSets() + ")"));
      if (!entry.getValue().isArray()) {
        throw new DatasetException(where + ": " + key + " must be an array of rows");
      }
      int index = 0;
      for (JsonNode rowNode : entry.getValue()) {
        String rowWhere = where + ": " + key + " row " + index++;
        if (!rowNode.isObject()) {
          throw new DatasetException(rowWhere + ": must be a JSON object");
        }
        ObjectNode withCompany = (ObjectNode) rowNode.deepCopy();
        if (!withCompany.has("Company") && defaultCompany != null) {
          withCompany.put("Company", defaultCompany);
        }
        Map<String, Object> row = RowValues.defaults(set);
        try {
          RowValues.requireKeys(set, withCompany);
          row.putAll(RowValues.coerceRow(set, withCompany));
        } catch (DatasetException e) {
          throw new DatasetException(rowWhere + ": " + e.getMessage());
        }
        List<Object> rowKey = RowValues.keyOf(set, row, rowWhere);
        if (row.get("SysRowID").equals("")) {
          row.put("SysRowID", UUID.nameUUIDFromBytes((key + rowKey).getBytes()).toString());
        }
        if (!dataset.putLoaded(key, rowKey, row)) {
          throw new DatasetException(rowWhere + ": duplicate key " + rowKey);
        }
        if (withCompany.has("SysRevID")) {
          maxRevision = Math.max(maxRevision, ((Number) row.get("SysRevID")).longValue());
        } else {
          needRevision.add(Map.entry(key, rowKey));
        }
      }
    }
    dataset.finishLoad(maxRevision, needRevision);
    return dataset;
  }
}
