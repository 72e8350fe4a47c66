package com.epicorups.sandbox.epicor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    List<Map<String, Object>> rows = dataset.rowsOfCompany(source.entitySet(), company);
    if (!baq.filter().isBlank()) {
      String encoded = URLEncoder.encode(baq.filter(), StandardCharsets.UTF_8);
      rows = engine.apply(engine.parse(source.entitySet(), "$filter=" + encoded), rows, Integer.MAX_VALUE).rows();
    }
    List<Map<String, Object>> projected = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String column : baq.columns()) {
        out.put(BaqDefinition.columnName(source, column), row.get(column));
      }
      out.put(BaqDefinition.ROW_IDENT, "");
      projected.add(out);
    }
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
}
