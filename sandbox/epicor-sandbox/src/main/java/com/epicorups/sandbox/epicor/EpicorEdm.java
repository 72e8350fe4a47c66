package com.epicorups.sandbox.epicor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;
import org.apache.olingo.server.api.OData;

/**
 * A CSDL model: one entity type per Epicor table (OrderRelRow, ...) and one per BAQ. The model of everything
 * served lets Olingo check query options against real column names and types; the models of one service or one
 * BAQ are the {@code $metadata} documents, so they show exactly the columns served there (UD columns only when the
 * dataset declares them).
 */
final class EpicorEdm extends CsdlAbstractEdmProvider {
  static final String NAMESPACE = "Erp.Tablesets";
  static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, "EpicorSandbox");
  private static final String BAQ_PREFIX = "BAQ_";
  /** The one entity set of a BAQ's own OData service, BaqSvc/{id}/Data. */
  static final String BAQ_DATA_SET = "Data";

  /** A queryable table: its EDM entity-set name and its typed columns in order. */
  record Table(String edmSetName, String typeName, List<String> keys, Map<String, FieldType> columns) {}

  private final String namespace;
  private final FullQualifiedName container;
  private final Map<String, Table> bySetName = new LinkedHashMap<>();
  private final Map<String, Table> byTypeName = new LinkedHashMap<>();
  private final OData odata = OData.newInstance();
  private final Edm edm;

  /** Everything served: every set of every service, and every BAQ (as BAQ_{id}). */
  EpicorEdm(EpicorSchema schema, Map<String, BaqDefinition> baqs) {
    this(NAMESPACE, CONTAINER.getName(), allTables(schema, baqs));
  }

  private EpicorEdm(String namespace, String containerName, List<Table> tables) {
    this.namespace = namespace;
    this.container = new FullQualifiedName(namespace, containerName);
    tables.forEach(this::add);
    edm = odata.createServiceMetadata(this, List.of()).getEdm();
  }

  /** The {@code $metadata} model of one service: its sets with exactly their served columns. */
  static EpicorEdm ofService(EpicorSchema schema, String service) {
    List<Table> tables = new ArrayList<>();
    schema.entitySetsOf(service).forEach(set -> tables.add(table(set)));
    return new EpicorEdm(NAMESPACE, service.substring(service.lastIndexOf('.') + 1), tables);
  }

  /** The {@code $metadata} model of one BAQ's service: the entity set Data with the BAQ's columns. */
  static EpicorEdm ofBaq(EpicorSchema schema, BaqDefinition baq) {
    Table results = baqTable(schema, baq);
    return new EpicorEdm("BaqSvc." + baq.id(), "BaqSvc",
        List.of(new Table(BAQ_DATA_SET, "Result", results.keys(), results.columns())));
  }

  private static List<Table> allTables(EpicorSchema schema, Map<String, BaqDefinition> baqs) {
    List<Table> tables = new ArrayList<>();
    schema.entitySets().forEach(set -> tables.add(table(set)));
    baqs.values().forEach(baq -> tables.add(baqTable(schema, baq)));
    return tables;
  }

  private static Table table(EntitySetSchema set) {
    return new Table(set.entitySet(), set.rowTypeName(), set.keys(), set.fields());
  }

  private static Table baqTable(EpicorSchema schema, BaqDefinition baq) {
    EntitySetSchema source = schema.entitySet(baq.from()).orElseThrow();
    Map<String, FieldType> columns = new LinkedHashMap<>();
    for (String field : baq.columns()) {
      columns.put(BaqDefinition.columnName(source, field), source.type(field));
    }
    columns.put(BaqDefinition.ROW_IDENT, FieldType.STRING);
    String first = columns.keySet().iterator().next();
    return new Table(baqSetName(baq.id()), baqSetName(baq.id()) + "Row", List.of(first), columns);
  }

  static String baqSetName(String baqId) {
    return BAQ_PREFIX + baqId;
  }

  private void add(Table table) {
    bySetName.put(table.edmSetName(), table);
    byTypeName.put(table.typeName(), table);
  }

  Edm edm() {
    return edm;
  }

  OData odata() {
    return odata;
  }

  Table table(String edmSetName) {
    return bySetName.get(edmSetName);
  }

  /** This model as a CSDL XML document, what {@code $metadata} answers. */
  byte[] metadataDocument() {
    try {
      return odata.createSerializer(org.apache.olingo.commons.api.format.ContentType.APPLICATION_XML)
          .metadataDocument(odata.createServiceMetadata(this, List.of())).getContent().readAllBytes();
    } catch (Exception e) {
      throw new IllegalStateException("metadata serialisation failed", e);
    }
  }

  @Override
  public CsdlEntityType getEntityType(FullQualifiedName name) {
    Table table = namespace.equals(name.getNamespace()) ? byTypeName.get(name.getName()) : null;
    if (table == null) {
      return null;
    }
    List<CsdlProperty> properties = new ArrayList<>();
    table.columns().forEach((column, type) -> {
      CsdlProperty property = new CsdlProperty().setName(column)
          .setType(type.edmKind().getFullQualifiedName()).setNullable(true);
      if (type == FieldType.DECIMAL) {
        property.setPrecision(38).setScale(10);
      }
      if (type == FieldType.DATE) {
        property.setPrecision(7);
      }
      properties.add(property);
    });
    List<CsdlPropertyRef> keys = table.keys().stream().map(k -> new CsdlPropertyRef().setName(k)).toList();
    return new CsdlEntityType().setName(table.typeName()).setProperties(properties).setKey(keys);
  }

  @Override
  public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
    Table table = this.container.equals(container) ? bySetName.get(name) : null;
    if (table == null) {
      return null;
    }
    return new CsdlEntitySet().setName(name).setType(new FullQualifiedName(namespace, table.typeName()));
  }

  @Override
  public CsdlEntityContainer getEntityContainer() {
    List<CsdlEntitySet> sets = new ArrayList<>();
    for (String name : bySetName.keySet()) {
      sets.add(getEntitySet(container, name));
    }
    return new CsdlEntityContainer().setName(container.getName()).setEntitySets(sets);
  }

  @Override
  public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
    if (name == null || container.equals(name)) {
      return new CsdlEntityContainerInfo().setContainerName(container);
    }
    return null;
  }

  @Override
  public List<CsdlSchema> getSchemas() {
    List<CsdlEntityType> types = new ArrayList<>();
    for (String typeName : byTypeName.keySet()) {
      types.add(getEntityType(new FullQualifiedName(namespace, typeName)));
    }
    CsdlSchema schema = new CsdlSchema().setNamespace(namespace).setEntityTypes(types)
        .setEntityContainer(getEntityContainer());
    return List.of(schema);
  }
}
