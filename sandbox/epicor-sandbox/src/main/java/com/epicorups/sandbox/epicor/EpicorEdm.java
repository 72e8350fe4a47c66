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
 * The CSDL model of everything the sandbox serves: one entity type per Epicor table (OrderRelRow, ...)
 * and one per BAQ, so Olingo can check query options against real column names and types.
 */
final class EpicorEdm extends CsdlAbstractEdmProvider {
  static final String NAMESPACE = "Erp.Tablesets";
  static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, "EpicorSandbox");
  private static final String BAQ_PREFIX = "BAQ_";

  /** A queryable table: its EDM entity-set name and its typed columns in order. */
  record Table(String edmSetName, String typeName, List<String> keys, Map<String, FieldType> columns) {}

  private final Map<String, Table> bySetName = new LinkedHashMap<>();
  private final Map<String, Table> byTypeName = new LinkedHashMap<>();
  private final OData odata = OData.newInstance();
  private final Edm edm;

  EpicorEdm(EpicorSchema schema, Map<String, BaqDefinition> baqs) {
    for (EntitySetSchema set : schema.entitySets()) {
      add(new Table(set.entitySet(), set.rowTypeName(), set.keys(), set.fields()));
    }
    baqs.values().forEach(baq -> add(baqTable(schema, baq)));
    edm = odata.createServiceMetadata(this, List.of()).getEdm();
  }

  private static Table baqTable(EpicorSchema schema, BaqDefinition baq) {
    EntitySetSchema source = schema.entitySet(baq.from()).orElseThrow();
    Map<String, FieldType> columns = new LinkedHashMap<>();
    for (String field : baq.columns()) {
      columns.put(BaqDefinition.columnName(source, field), source.type(field));
    }
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

  @Override
  public CsdlEntityType getEntityType(FullQualifiedName name) {
    Table table = NAMESPACE.equals(name.getNamespace()) ? byTypeName.get(name.getName()) : null;
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
    Table table = CONTAINER.equals(container) ? bySetName.get(name) : null;
    if (table == null) {
      return null;
    }
    return new CsdlEntitySet().setName(name).setType(new FullQualifiedName(NAMESPACE, table.typeName()));
  }

  @Override
  public CsdlEntityContainer getEntityContainer() {
    List<CsdlEntitySet> sets = new ArrayList<>();
    for (String name : bySetName.keySet()) {
      sets.add(getEntitySet(CONTAINER, name));
    }
    return new CsdlEntityContainer().setName(CONTAINER.getName()).setEntitySets(sets);
  }

  @Override
  public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
    if (name == null || CONTAINER.equals(name)) {
      return new CsdlEntityContainerInfo().setContainerName(CONTAINER);
    }
    return null;
  }

  @Override
  public List<CsdlSchema> getSchemas() {
    List<CsdlEntityType> types = new ArrayList<>();
    for (String typeName : byTypeName.keySet()) {
      types.add(getEntityType(new FullQualifiedName(NAMESPACE, typeName)));
    }
    CsdlSchema schema = new CsdlSchema().setNamespace(NAMESPACE).setEntityTypes(types)
        .setEntityContainer(getEntityContainer());
    return List.of(schema);
  }
}
