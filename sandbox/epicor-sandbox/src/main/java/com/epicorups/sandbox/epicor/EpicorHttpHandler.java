package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Routes and answers every request the way Epicor Kinetic REST v2 does. */
final class EpicorHttpHandler implements HttpHandler {

  static final String API_PREFIX = "/api/v2/odata/";
  private static final String METADATA = "$metadata";
  private static final String SERVER_ERROR = "Sorry! Something went wrong. Please contact your system administrator.";

  private final EpicorSandbox sandbox;
  private final EpicorSandbox.Settings settings;
  private final EpicorDataset dataset;
  private final TokenEndpoints tokens;
  private final UpdateExtMethod updateExt;
  private final BaqService baqs;
  private final ChildSetReads childSetReads;
  private final Map<String, byte[]> serviceMetadata = new ConcurrentHashMap<>();

  EpicorHttpHandler(EpicorSandbox sandbox) {
    this.sandbox = sandbox;
    this.settings = sandbox.settings();
    this.dataset = sandbox.dataset();
    this.tokens = new TokenEndpoints(sandbox);
    this.updateExt = new UpdateExtMethod(sandbox);
    this.baqs = new BaqService(sandbox);
    this.childSetReads = new ChildSetReads(dataset, settings.childSetFilter(), settings.childSetFilterSets());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Reply reply = new Reply();
    try {
      sleep(sandbox.faults().latency());
      route(exchange, reply);
    } catch (EpicorApiException e) {
      reply.error(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    } catch (RuntimeException e) {
      reply.error(new EpicorApiException(500, EpicorApiException.SERVER_EXCEPTION, SERVER_ERROR));
    }
    record(exchange, reply);
    try {
      if (reply.hold) {
        sleep(sandbox.faults().timeoutHoldDuration());
      }
      if (reply.heldBy != null) {
        reply.heldBy.hold();
      }
      exchange.getResponseHeaders().set("Content-Type", reply.contentType);
      boolean empty = reply.body.length == 0;
      exchange.sendResponseHeaders(reply.status, empty ? -1 : reply.body.length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // The client timed out or hung up; nothing left to answer.
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, Reply reply) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    String root = "/" + settings.instance();
    if (!rawPath.startsWith(root + "/")) {
      throw EpicorApiException.notFound("No resource at " + rawPath);
    }
    String rest = rawPath.substring(root.length());
    if (rest.equals("/TokenResource.svc/") || rest.equals("/TokenResource.svc")) {
      reply.kind = RequestKind.TOKEN_RESOURCE;
      tokens.tokenResource(exchange, reply);
    } else if (rest.equals("/connect/token")) {
      reply.kind = RequestKind.OAUTH_TOKEN;
      tokens.oauthToken(exchange, reply);
    } else if (rest.startsWith(API_PREFIX)) {
      api(exchange, reply, rest.substring(API_PREFIX.length()));
    } else {
      throw EpicorApiException.notFound("No resource at " + rawPath);
    }
  }

  // ------------------------------------------------------------------ API

  private void api(HttpExchange exchange, Reply reply, String rawRest) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    List<String> segments = new ArrayList<>();
    for (String raw : rawRest.split("/", -1)) {
      segments.add(decode(raw));
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    reply.kind = kindOf(method, segments);
    injectFaults(exchange, reply);
    String identity = tokens.authenticate(exchange.getRequestHeaders());
    if (segments.size() < 2) {
      throw EpicorApiException.notFound("No service at " + exchange.getRequestURI().getRawPath());
    }
    String company = segments.get(0);
    String matchedCompany = dataset.companies().stream().filter(c -> c.equalsIgnoreCase(company)).findFirst()
        .orElseThrow(() -> EpicorApiException.badRequest("Invalid company: '" + company
            + "' is not a company the current user can access."));
    String service = segments.get(1);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (service.equals(BaqService.SERVICE)) {
      baqs.handle(method, reply, matchedCompany, segments, rawQuery, identity);
      return;
    }
    if (!dataset.schema().servesService(service)) {
      throw EpicorApiException.notFound("Service " + service + " not found.");
    }
    if (segments.size() == 2 || (segments.size() == 3 && segments.get(2).equals(METADATA))) {
      serviceRoot(method, reply, matchedCompany, service, identity, segments.size() == 3);
      return;
    }
    if (segments.size() > 4) {
      throw EpicorApiException.notFound("No resource at " + exchange.getRequestURI().getRawPath());
    }
    if (segments.size() == 3 && segments.get(2).equals("UpdateExt")) {
      if (!method.equals("POST")) {
        throw Reply.methodNotAllowed(method);
      }
      dataset.access().check(identity, service, null, AccessRule.Access.WRITE);
      updateExt.handle(EntityBodies.readObject(exchange), exchange.getRequestURI().getPath(), reply, matchedCompany,
          service, identity);
      return;
    }
    KeyPredicate first = KeyPredicate.parse(segments.get(2));
    EntitySetSchema set = servedSet(service, first.entitySet());
    if (segments.size() == 4) {
      navigation(method, reply, matchedCompany, set, first, segments.get(3), rawQuery, identity);
      return;
    }
    dataset.access().check(identity, service, set.entitySet(),
        method.equals("GET") ? AccessRule.Access.READ : AccessRule.Access.WRITE);
    String contextBase = contextBase(matchedCompany, service);
    if (!first.hasKey()) {
      switch (method) {
        case "GET" -> readCompanySet(reply, contextBase, set, matchedCompany, rawQuery);
        case "POST" -> insert(exchange, reply, matchedCompany, set, identity, contextBase);
        default -> throw Reply.methodNotAllowed(method);
      }
      return;
    }
    Map<String, Object> keys = first.keyMap(set);
    if (!String.valueOf(keys.get("Company")).equalsIgnoreCase(matchedCompany)) {
      throw EpicorApiException.badRequest("The Company in the key does not match the company in the URL.");
    }
    switch (method) {
      case "GET" -> readEntity(reply, contextBase, set, keys, rawQuery);
      case "PATCH" -> patch(exchange, reply, set, keys, identity);
      case "DELETE" -> delete(exchange, reply, set, keys);
      default -> throw Reply.methodNotAllowed(method);
    }
  }

  private void injectFaults(HttpExchange exchange, Reply reply) {
    Faults faults = sandbox.faults();
    reply.hold = faults.takeTimeout();
    String query = exchange.getRequestURI().getRawQuery();
    String target = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
    reply.heldBy = faults.takeHold(target);
    if (faults.takeServerError() || faults.takeServerError(exchange.getRequestMethod(), target)) {
      throw new EpicorApiException(500, EpicorApiException.SERVER_EXCEPTION, SERVER_ERROR);
    }
    if (faults.takeLicence()) {
      throw new EpicorApiException(400, EpicorApiException.LICENSE_EXCEPTION,
          "Maximum users exceeded on license. Please contact your system administrator.");
    }
    if (faults.takeUnauthorized()) {
      throw EpicorApiException.unauthorized("Access token is invalid or has expired.");
    }
  }

  private static RequestKind kindOf(String method, List<String> segments) {
    if (!method.equals("GET")) {
      return RequestKind.WRITE;
    }
    if (segments.size() >= 2 && segments.get(1).equals(BaqService.SERVICE)) {
      return segments.size() == 4 && segments.get(3).equals(METADATA) ? RequestKind.METADATA : RequestKind.READ_BAQ;
    }
    if (segments.size() == 3 && segments.get(2).equals(METADATA)) {
      return RequestKind.METADATA;
    }
    if (segments.size() == 3 && segments.get(2).endsWith(")")) {
      return RequestKind.READ_ENTITY;
    }
    return RequestKind.READ_SET;
  }

  /** {@code Erp.BO.{Svc}} (the service document) or {@code Erp.BO.{Svc}/$metadata} (its served columns as CSDL). */
  private void serviceRoot(String method, Reply reply, String company, String service, String identity,
      boolean metadata) {
    if (!method.equals("GET")) {
      throw Reply.methodNotAllowed(method);
    }
    dataset.access().check(identity, service, null, AccessRule.Access.READ);
    if (metadata) {
      reply.xml(serviceMetadata.computeIfAbsent(service + "#" + dataset.modelGeneration(),
          s -> EpicorEdm.ofService(dataset.schema(), service).metadataDocument()));
    } else {
      reply.serviceDocument(sandbox.rootUrl() + API_PREFIX + company + "/" + service + "/" + METADATA,
          dataset.schema().entitySetsOf(service).stream().map(EntitySetSchema::entitySet).toList());
    }
  }

  private EntitySetSchema servedSet(String service, String entitySet) {
    EntitySetSchema set = dataset.schema().entitySet(entitySet).orElse(null);
    if (set == null || !set.service().equals(service)) {
      throw EpicorApiException.notFound("Resource " + entitySet + " not found in " + service + ".");
    }
    return set;
  }

  private String contextBase(String company, String service) {
    return sandbox.rootUrl() + API_PREFIX + company + "/" + service + "/" + METADATA + "#";
  }

  private void readCompanySet(Reply reply, String contextBase, EntitySetSchema set, String company, String rawQuery) {
    if (childSetReads.applies(set, rawQuery)) {
      writeSet(reply, contextBase, set, childSetReads.read(set, company, null, rawQuery, settings.defaultTopCap()));
      return;
    }
    QueryEngine engine = dataset.queries();
    QueryEngine.Query query = engine.parse(set.entitySet(), rawQuery);
    writeSet(reply, contextBase, set, dataset.withRowsOfCompany(set.entitySet(), company, query.filter(),
        rows -> engine.apply(query, rows, settings.defaultTopCap())));
  }

  private void writeSet(Reply reply, String contextBase, EntitySetSchema set, QueryEngine.Result result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", contextBase + set.entitySet());
    if (result.count() != null) {
      body.put("@odata.count", result.count());
    }
    body.put("value", result.rows());
    reply.json(200, body);
  }

  private void readEntity(Reply reply, String contextBase, EntitySetSchema set, Map<String, Object> keys,
      String rawQuery) {
    QueryEngine engine = dataset.queries();
    QueryEngine.Query query = engine.parse(set.entitySet(), rawQuery);
    Map<String, Object> row = findOr404(set, keys);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", contextBase + set.entitySet() + "/$entity");
    body.putAll(engine.projectOne(query, row));
    reply.json(200, body);
  }

  /** {@code {Parent}(keys)/{Child}}, for the navigation Epicor's swagger declares (SalesOrders→OrderDtls→OrderRels, ...). */
  private void navigation(String method, Reply reply, String company, EntitySetSchema parent,
      KeyPredicate parentKey, String childSegment, String rawQuery, String identity) {
    if (!method.equals("GET") || !parentKey.hasKey()) {
      throw Reply.methodNotAllowed(method);
    }
    EntitySetSchema child = servedSet(parent.service(), childSegment);
    if (!dataset.schema().navigates(parent.entitySet(), child.entitySet())) {
      throw EpicorApiException.notFound("Navigation " + childSegment + " not found on " + parent.entitySet() + ".");
    }
    dataset.access().check(identity, child.service(), child.entitySet(), AccessRule.Access.READ);
    Map<String, Object> keys = parentKey.keyMap(parent);
    Map<String, Object> parentRow = findOr404(parent, keys);
    Map<String, Object> parentKeys = new LinkedHashMap<>();
    parent.keys().forEach(k -> parentKeys.put(k, parentRow.get(k)));
    String contextBase = contextBase(company, parent.service());
    if (childSetReads.applies(child, rawQuery)) {
      writeSet(reply, contextBase, child, childSetReads.read(child, company, parentKeys, rawQuery,
          settings.defaultTopCap()));
      return;
    }
    List<Map<String, Object>> children = dataset.rowsOfCompany(child.entitySet(), company);
    children.removeIf(row -> parentKeys.entrySet().stream()
        .anyMatch(k -> !java.util.Objects.equals(row.get(k.getKey()), k.getValue())));
    QueryEngine engine = dataset.queries();
    writeSet(reply, contextBase, child,
        engine.apply(engine.parse(child.entitySet(), rawQuery), children, settings.defaultTopCap()));
  }

  private Map<String, Object> findOr404(EntitySetSchema set, Map<String, Object> keys) {
    try {
      return dataset.find(set.entitySet(), keys).orElseThrow(() -> EpicorApiException.notFound(
          "Record not found. " + set.table() + " " + keys.values() + " does not exist."));
    } catch (DatasetException e) {
      throw EpicorApiException.badRequest(e.getMessage());
    }
  }

  private void patch(HttpExchange exchange, Reply reply, EntitySetSchema set, Map<String, Object> keys,
      String identity) throws IOException {
    JsonNode body = null;
    int status = 400;
    try {
      body = EntityBodies.readObject(exchange);
      findOr404(set, keys);
      try {
        dataset.update(set.entitySet(), keys, body, identity);
      } catch (DatasetException e) {
        throw EntityBodies.refusal(e);
      }
      status = 204;
      reply.noContent();
    } catch (EpicorApiException e) {
      status = e.status();
      throw e;
    } finally {
      recordWrite(exchange, set, keys, body, status);
    }
  }

  private void insert(HttpExchange exchange, Reply reply, String company, EntitySetSchema set, String identity,
      String contextBase) throws IOException {
    JsonNode body = null;
    Map<String, Object> keys = new LinkedHashMap<>();
    int status = 400;
    try {
      body = EntityBodies.readObject(exchange);
      for (String k : set.keys()) {
        if (body.has(k)) {
          keys.put(k, Reply.MAPPER.convertValue(body.get(k), Object.class));
        }
      }
      if (!body.has("Company")) {
        ((ObjectNode) body).put("Company", company);
        keys.put("Company", company);
      }
      Map<String, Object> row;
      try {
        row = dataset.insert(set.entitySet(), body, identity);
      } catch (EpicorDataset.DuplicateKeyException e) {
        throw new EpicorApiException(409, EpicorApiException.BO_EXCEPTION, "Record already exists. " + e.getMessage());
      } catch (DatasetException e) {
        throw EntityBodies.refusal(e);
      }
      status = 201;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("@odata.context", contextBase + set.entitySet() + "/$entity");
      out.putAll(row);
      reply.json(201, out);
    } catch (EpicorApiException e) {
      status = e.status();
      throw e;
    } finally {
      recordWrite(exchange, set, keys, body, status);
    }
  }

  private void delete(HttpExchange exchange, Reply reply, EntitySetSchema set, Map<String, Object> keys) {
    int status = 404;
    try {
      boolean existed;
      try {
        existed = dataset.delete(set.entitySet(), keys);
      } catch (DatasetException e) {
        status = 400;
        throw EpicorApiException.badRequest(e.getMessage());
      }
      if (!existed) {
        throw EpicorApiException.notFound("Record not found. " + set.table() + " " + keys.values() + " does not exist.");
      }
      status = 204;
      reply.noContent();
    } finally {
      recordWrite(exchange, set, keys, null, status);
    }
  }

  private void recordWrite(HttpExchange exchange, EntitySetSchema set, Map<String, Object> keys, JsonNode body,
      int status) {
    @SuppressWarnings("unchecked")
    Map<String, Object> bodyMap = body == null ? null : Reply.MAPPER.convertValue(body, LinkedHashMap.class);
    sandbox.writes().add(new RecordedWrite(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getPath(), set.entitySet(), keys, bodyMap, status));
  }

  // ------------------------------------------------------------------ helpers

  private void record(HttpExchange exchange, Reply reply) {
    Map<String, List<String>> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> kept = switch (lower) {
        case "authorization" -> values.stream().map(v -> v.contains(" ") ? v.substring(0, v.indexOf(' ')) : "<redacted>").toList();
        case "password" -> values.stream().map(v -> "<redacted>").toList();
        default -> List.copyOf(values);
      };
      headers.put(lower, kept);
    });
    sandbox.requests().add(new RecordedRequest(reply.kind, exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers, reply.status));
  }

  /** Percent-decodes one path segment ('+' stays a plus, as in a URL path). */
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero() && !duration.isNegative()) {
      sandbox.sleeper().sleep(duration);
    }
  }
}
