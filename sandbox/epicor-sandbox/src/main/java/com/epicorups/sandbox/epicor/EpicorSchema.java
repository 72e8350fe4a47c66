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

  /**
   * One served entity set. {@code navigation} lists the child sets Epicor's swagger declares under
   * {@code {entitySet}(keys)/}; the first set of each service is its primary set (the BO's top table).
   */
  private record SetDef(String service, String entitySet, String table, List<String> keys, List<String> navigation) {}

  private static final List<SetDef> SETS = List.of(
      new SetDef("Erp.BO.SalesOrderSvc", "SalesOrders", "OrderHed", List.of("Company", "OrderNum"),
          List.of("OrderDtls")),
      new SetDef("Erp.BO.SalesOrderSvc", "OrderDtls", "OrderDtl", List.of("Company", "OrderNum", "OrderLine"),
          List.of("OrderRels")),
      new SetDef("Erp.BO.SalesOrderSvc", "OrderRels", "OrderRel",
          List.of("Company", "OrderNum", "OrderLine", "OrderRelNum"), List.of()),
      new SetDef("Erp.BO.CustomerSvc", "Customers", "Customer", List.of("Company", "CustNum"), List.of("ShipToes")),
      new SetDef("Erp.BO.CustomerSvc", "ShipToes", "ShipTo", List.of("Company", "CustNum", "ShipToNum"), List.of()),
      new SetDef("Erp.BO.PartSvc", "Parts", "Part", List.of("Company", "PartNum"), List.of()),
      new SetDef("Erp.BO.CustShipSvc", "CustShips", "ShipHead", List.of("Company", "PackNum"),
          List.of("ShipDtls", "CartonTrkDtls", "ShipMiscs")),
      new SetDef("Erp.BO.CustShipSvc", "ShipDtls", "ShipDtl", List.of("Company", "PackNum", "PackLine"), List.of()),
      new SetDef("Erp.BO.CustShipSvc", "CartonTrkDtls", "CartonTrkDtl",
          List.of("Company", "ShipmentType", "PackNum", "CaseNum"), List.of()),
      new SetDef("Erp.BO.CustShipSvc", "ShipMiscs", "ShipMisc", List.of("Company", "PackNum", "PackLine", "SeqNum",
          "SysRowID"), List.of()),
      new SetDef("Erp.BO.MiscChrgSvc", "MiscChrgs", "MiscChrg", List.of("Company", "MiscCode"), List.of()),
      new SetDef("Erp.BO.WarehseSvc", "Warehses", "Warehse", List.of("Company", "WarehouseCode"), List.of()),
      new SetDef("Erp.BO.ShipViaSvc", "ShipVias", "ShipVia", List.of("Company", "ShipViaCode"), List.of()),
      new SetDef("Erp.BO.CountrySvc", "Countries", "Country", List.of("Company", "CountryNum"), List.of()));

  private static final Map<String, List<String>> NAVIGATION = new LinkedHashMap<>();

  static {
    SETS.forEach(def -> NAVIGATION.put(def.entitySet(), def.navigation()));
  }

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

  /** The services served, in order. */
  public List<String> services() {
    return bySet.values().stream().map(EntitySetSchema::service).distinct().toList();
  }

  public boolean servesService(String service) {
    return bySet.values().stream().anyMatch(s -> s.service().equals(service));
  }

  /** The sets of one service, primary set first. */
  public List<EntitySetSchema> entitySetsOf(String service) {
    return bySet.values().stream().filter(s -> s.service().equals(service)).toList();
  }

  /** The service's primary set: the business object's top table (SalesOrders for Erp.BO.SalesOrderSvc). */
  public EntitySetSchema primarySetOf(String service) {
    return entitySetsOf(service).get(0);
  }

  /** Whether Epicor's swagger declares {@code {parent}(keys)/{child}}. */
  public boolean navigates(String parent, String child) {
    return NAVIGATION.getOrDefault(parent, List.of()).contains(child);
  }
}
