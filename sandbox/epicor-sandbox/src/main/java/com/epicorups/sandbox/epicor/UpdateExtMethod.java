package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BO method UpdateExt: {@code {"ds":{"OrderRel":[partial rows with RowMod "U"|"A"|"D"]},
 * "continueProcessingOnError":true,"rollbackParentOnChildError":true}}. Every row is applied on its own; a row
 * that fails is reported in {@code returnObj.BOUpdError} (200, never an exception) and, without
 * continueProcessingOnError, the rows after it are not processed. Rows with RowMod "" are unchanged rows.
 * A column the table does not have fails the whole call with 400 before any row is applied: the body cannot be
 * read into the service's tableset type.
 */
final class UpdateExtMethod {
  private static final String NO_ROW_ID = "00000000-0000-0000-0000-000000000000";

  private final EpicorSandbox sandbox;
  private final EpicorDataset dataset;

  UpdateExtMethod(EpicorSandbox sandbox) {
    this.sandbox = sandbox;
    this.dataset = sandbox.dataset();
  }

  void handle(JsonNode body, String path, Reply reply, String company, String service, String identity) {
    JsonNode ds = body.get("ds");
    if (ds == null || !ds.isObject()) {
      throw EpicorApiException.badRequest("Unable to deserialize entity. UpdateExt needs a 'ds' object of tables.");
    }
    Map<String, EntitySetSchema> tables = tablesOf(service, ds, identity);
    boolean continueOnError = body.path("continueProcessingOnError").asBoolean(false);
    List<Map<String, Object>> errors = new ArrayList<>();
    Map<String, List<Object>> applied = new LinkedHashMap<>();
    boolean stopped = false;
    for (Map.Entry<String, EntitySetSchema> table : tables.entrySet()) {
      EntitySetSchema set = table.getValue();
      for (JsonNode row : ds.get(table.getKey())) {
        String rowMod = row.path("RowMod").asText("");
        if (rowMod.isEmpty()) {
          continue;
        }
        ObjectNode fields = ((ObjectNode) row).deepCopy();
        if (!fields.has("Company")) {
          fields.put("Company", company);
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String k : set.keys()) {
          if (fields.has(k)) {
            keys.put(k, Reply.MAPPER.convertValue(fields.get(k), Object.class));
          }
        }
        String error = null;
        Map<String, Object> result = null;
        try {
          if (!String.valueOf(keys.get("Company")).equalsIgnoreCase(company)) {
            error = "The Company in the row does not match the company in the URL.";
          } else if (rowMod.equals("U")) {
            if (keys.size() < set.keys().size() || dataset.find(set.entitySet(), keys).isEmpty()) {
              error = "Record not found. " + set.table() + " " + keys.values() + " does not exist.";
            } else {
              result = dataset.update(set.entitySet(), keys, fields, identity);
            }
          } else if (rowMod.equals("A")) {
            result = dataset.insert(set.entitySet(), fields, identity);
          } else if (rowMod.equals("D")) {
            if (!dataset.delete(set.entitySet(), keys)) {
              error = "Record not found. " + set.table() + " " + keys.values() + " does not exist.";
            }
          } else {
            error = "Invalid RowMod '" + rowMod + "'.";
          }
        } catch (DatasetException e) {
          error = e.getMessage();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> bodyMap = Reply.MAPPER.convertValue(fields, LinkedHashMap.class);
        sandbox.writes().add(new RecordedWrite("POST", path, set.entitySet(), keys, bodyMap, error == null ? 200 : 400));
        if (error != null) {
          errors.add(rowError(set, keys, rowMod, error));
          if (!continueOnError) {
            stopped = true;
            break;
          }
        } else if (result != null) {
          applied.computeIfAbsent(set.table(), t -> new ArrayList<>()).add(result);
        }
      }
      if (stopped) {
        break;
      }
    }
    Map<String, Object> returnObj = new LinkedHashMap<>();
    returnObj.put("BOUpdError", errors);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("ds", applied);
    parameters.put("errorsOccurred", !errors.isEmpty());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("returnObj", returnObj);
    out.put("parameters", parameters);
    reply.json(200, out);
  }

  /**
   * The sets of the ds's tables, in ds order, after checking what the whole call is refused for: a table outside
   * the service's tableset, a row that is not an object or names a column the table lacks, a table the caller may
   * not update.
   */
  private Map<String, EntitySetSchema> tablesOf(String service, JsonNode ds, String identity) {
    Map<String, EntitySetSchema> tables = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = ds.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> table = it.next();
      EntitySetSchema set = dataset.schema().entitySetsOf(service).stream()
          .filter(s -> s.table().equals(table.getKey())).findFirst()
          .orElseThrow(() -> EpicorApiException.badRequest("Unable to deserialize entity. Table " + table.getKey()
              + " is not part of the " + service + " tableset."));
      if (!table.getValue().isArray()) {
        throw EpicorApiException.badRequest("Unable to deserialize entity. ds." + table.getKey() + " must be an array.");
      }
      for (JsonNode row : table.getValue()) {
        if (!row.isObject()) {
          throw EpicorApiException.badRequest("Unable to deserialize entity. A " + table.getKey() + " row must be an object.");
        }
        row.fieldNames().forEachRemaining(name -> {
          if (!set.hasField(name)) {
            throw EntityBodies.unknownColumn(set, name);
          }
        });
      }
      dataset.access().check(identity, service, set.entitySet(), AccessRule.Access.WRITE);
      tables.put(table.getKey(), set);
    }
    return tables;
  }

  private Map<String, Object> rowError(EntitySetSchema set, Map<String, Object> keys, String rowMod, String error) {
    Object sysRowId = sysRowIdOf(set, keys);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("TableName", set.table());
    e.put("ErrorLevel", "Error");
    e.put("ErrorType", "Exception");
    e.put("ErrorText", error);
    e.put("ErrorSysRowID", sysRowId);
    e.put("SysRowID", sysRowId);
    e.put("RowMod", rowMod);
    return e;
  }

  private Object sysRowIdOf(EntitySetSchema set, Map<String, Object> keys) {
    if (keys.size() < set.keys().size()) {
      return NO_ROW_ID;
    }
    try {
      return dataset.find(set.entitySet(), keys).map(r -> r.get("SysRowID")).orElse(NO_ROW_ID);
    } catch (DatasetException e) {
      return NO_ROW_ID;
    }
  }
}
