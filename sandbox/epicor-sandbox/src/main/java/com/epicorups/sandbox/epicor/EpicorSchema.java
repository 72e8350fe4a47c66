package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entity sets the sandbox serves, with Epicor's real column names and types (vendored from
 * Epicor's swagger into epicor-tables.json).
 */
public final class EpicorSchema {

  private static final String RESOURCE = "/epicor-tables.json";

  private record SetDef(String service, String entitySet, String table, List<String> keys) {}

  private static final List<SetDef> SETS = List.of(
      new SetDef("Erp.BO.SalesOrderSvc", "SalesOrders", "OrderHed", List.of("Company", "OrderNum")),
      new SetDef("Erp.BO.SalesOrderSvc", "OrderDtls", "OrderDtl", List.of("Company", "OrderNum", "OrderLine")),
      new SetDef("Erp.BO.SalesOrderSvc", "OrderRels", "OrderRel",
          List.of("Company", "OrderNum", "OrderLine", "OrderRelNum")),
      new SetDef("Erp.BO.CustomerSvc", "Customers", "Customer", List.of("Company", "CustNum")),
      new SetDef("Erp.BO.CustomerSvc", "ShipToes", "ShipTo", List.of("Company", "CustNum", "ShipToNum")),
      new SetDef("Erp.BO.PartSvc", "Parts", "Part", List.of("Company", "PartNum")),
      new SetDef("Erp.BO.CustShipSvc", "CustShips", "ShipHead", List.of("Company", "PackNum")),
      new SetDef("Erp.BO.CustShipSvc", "ShipDtls", "ShipDtl", List.of("Company", "PackNum", "PackLine")),
      new SetDef("Erp.BO.CustShipSvc", "CartonTrkDtls", "CartonTrkDtl",
          List.of("Company", "ShipmentType", "PackNum", "CaseNum")));

  private static volatile EpicorSchema standard;

  private final Map<String, EntitySetSchema> bySet;

  private EpicorSchema(Map<String, EntitySetSchema> bySet) {
    this.bySet = bySet;
  }

  /** The standard Epicor columns, without any UD columns. */
  public static EpicorSchema standard() {
    EpicorSchema s = standard;
    if (s == null) {
      s = loadStandard();
      standard = s;
    }
    return s;
  }

  private static EpicorSchema loadStandard() {
    try (InputStream in = EpicorSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode tables = new ObjectMapper().readTree(in).get("tables");
      Map<String, EntitySetSchema> bySet = new LinkedHashMap<>();
      for (SetDef def : SETS) {
        JsonNode columns = tables.get(def.service() + "/" + def.table());
        Map<String, FieldType> fields = new LinkedHashMap<>();
        columns.fields().forEachRemaining(
            e -> fields.put(e.getKey(), FieldType.fromSwagger(e.getKey(), e.getValue().asText())));
        bySet.put(def.entitySet(), new EntitySetSchema(def.service(), def.entitySet(), def.table(), def.keys(), fields));
      }
      return new EpicorSchema(bySet);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This schema plus UD columns, keyed by table name (OrderRel) or entity-set name (OrderRels). */
  public EpicorSchema withUdFields(Map<String, Map<String, FieldType>> udFields) {
    Map<String, EntitySetSchema> copy = new LinkedHashMap<>(bySet);
    udFields.forEach((tableOrSet, extra) -> {
      EntitySetSchema set = find(tableOrSet).orElseThrow(() -> new IllegalArgumentException(
          "UDFields names unknown table or entity set '" + tableOrSet + "'"));
      for (String name : extra.keySet()) {
        if (!name.endsWith("_c")) {
          throw new IllegalArgumentException(
              "UD field '" + name + "' on " + set.table() + " must end with _c, like Epicor's UD columns");
        }
        if (set.hasField(name)) {
          throw new IllegalArgumentException("UD field '" + name + "' is already a column of " + set.table());
        }
      }
      copy.put(set.entitySet(), copy.get(set.entitySet()).withExtraFields(extra));
    });
    return new EpicorSchema(copy);
  }

  /** Finds a set by entity-set name or by table name. */
  public Optional<EntitySetSchema> find(String tableOrSet) {
    EntitySetSchema bySetName = bySet.get(tableOrSet);
    if (bySetName != null) {
      return Optional.of(bySetName);
    }
    return bySet.values().stream().filter(s -> s.table().equals(tableOrSet)).findFirst();
  }

  public Optional<EntitySetSchema> entitySet(String entitySet) {
    return Optional.ofNullable(bySet.get(entitySet));
  }

  public Collection<EntitySetSchema> entitySets() {
    return bySet.values();
  }
}
