package com.epicorups.sandbox.epicor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;

/**
 * {@code BaqSvc/{BaqID}}: each BAQ is an OData service of its own. Its root answers the service document (one
 * entity set, Data), {@code $metadata} the CSDL of the BAQ's columns ({Table}_{Field}), {@code Data} the rows. A BAQ
 * id that does not exist is a 404 on all three.
 */
final class BaqService {
  static final String SERVICE = "BaqSvc";

  private final EpicorSandbox sandbox;
  private final EpicorDataset dataset;
  private final Map<String, byte[]> metadata = new ConcurrentHashMap<>();

  BaqService(EpicorSandbox sandbox) {
    this.sandbox = sandbox;
    this.dataset = sandbox.dataset();
  }

  /** {@code segments} = [company, "BaqSvc", id, (part)]. */
  void handle(String method, Reply reply, String company, List<String> segments, String rawQuery, String identity) {
    if (segments.size() < 3 || segments.size() > 4) {
      throw EpicorApiException.notFound("BAQ resource not found; use BaqSvc/{BaqID}/Data.");
    }
    String id = segments.get(2);
    dataset.access().check(identity, SERVICE, id, AccessRule.Access.READ);
    BaqDefinition baq = dataset.baqs().get(id);
    if (baq == null) {
      throw EpicorApiException.notFound("BAQ " + id + " not found.");
    }
    if (!method.equals("GET")) {
      throw Reply.methodNotAllowed(method);
    }
    String serviceRoot = sandbox.rootUrl() + EpicorHttpHandler.API_PREFIX + company + "/" + SERVICE + "/" + baq.id();
    if (segments.size() == 3) {
      reply.serviceDocument(serviceRoot + "/$metadata", List.of(EpicorEdm.BAQ_DATA_SET));
    } else if (segments.get(3).equals("$metadata")) {
      reply.xml(metadata.computeIfAbsent(baq.id() + "#" + dataset.modelGeneration(), k -> EpicorEdm.ofBaq(dataset.schema(), baq).metadataDocument()));
    } else if (segments.get(3).equals(EpicorEdm.BAQ_DATA_SET)) {
      data(reply, company, baq, rawQuery, serviceRoot);
    } else {
      throw EpicorApiException.notFound("BAQ resource not found; use BaqSvc/{BaqID}/Data.");
    }
  }

  private void data(Reply reply, String company, BaqDefinition baq, String rawQuery, String serviceRoot) {
    EntitySetSchema source = dataset.schema().entitySet(baq.from()).orElseThrow();
    QueryEngine engine = dataset.queries();
    QueryEngine.Query criteria = baq.filter().isBlank() ? null : engine.parse(source.entitySet(),
        "$filter=" + URLEncoder.encode(baq.filter(), StandardCharsets.UTF_8));
    List<Map<String, Object>> projected = dataset.withRowsOfCompany(source.entitySet(), company,
        keysOnSource(source, baq, rawQuery), rows -> {
          List<Map<String, Object>> matching = criteria == null ? rows : engine.matching(criteria, rows);
          List<Map<String, Object>> out = new ArrayList<>(matching.size());
          for (Map<String, Object> row : matching) {
            Map<String, Object> columns = new LinkedHashMap<>();
            for (String column : baq.columns()) {
              columns.put(BaqDefinition.columnName(source, column), row.get(column));
            }
            columns.put(BaqDefinition.ROW_IDENT, "");
            out.add(columns);
          }
          return out;
        });
    QueryEngine.Result result = engine.apply(engine.parse(EpicorEdm.baqSetName(baq.id()), rawQuery), projected,
        sandbox.settings().defaultTopCap());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", serviceRoot + "/$metadata#Results");
    if (result.count() != null) {
      body.put("@odata.count", result.count());
    }
    body.put("value", result.rows());
    reply.json(200, body);
  }

  /**
   * The caller's $filter read on the BAQ's source table (its {Table}_{Field} columns named back), only for the
   * dataset's key lookups: a re-read of a few releases then costs what their keys find, not a scan of the company's
   * rows, as an indexed query costs in Epicor. The lookups only narrow the rows; the caller's whole filter is still
   * evaluated on the BAQ's rows. Null (every row) when the filter does not parse on the source table.
   */
  private Expression keysOnSource(EntitySetSchema source, BaqDefinition baq, String rawQuery) {
    String filter = RawQuery.only(rawQuery, "$filter");
    if (filter.isEmpty()) {
      return null;
    }
    List<String> longestFirst = baq.columns().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String column : longestFirst) {
      filter = filter.replace(BaqDefinition.columnName(source, column), column);
    }
    try {
      return dataset.queries().parse(source.entitySet(), filter).filter();
    } catch (EpicorApiException e) {
      return null;
    }
  }
}
