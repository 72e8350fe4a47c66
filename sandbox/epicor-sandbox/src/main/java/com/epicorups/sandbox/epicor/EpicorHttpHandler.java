package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.server.api.ServiceMetadata;

/** Routes and answers every request the way Epicor Kinetic REST v2 does. */
final class EpicorHttpHandler implements HttpHandler {

  private static final String API_PREFIX = "/api/v2/odata/";
  private static final String JSON = "application/json; charset=utf-8";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private final EpicorSandbox sandbox;
  private final EpicorSandbox.Settings settings;
  private final EpicorDataset dataset;

  /** What to send back, and how the request is counted. */
  private static final class Reply {
    RequestKind kind = RequestKind.OTHER;
    int status = 200;
    String contentType = JSON;
    byte[] body = new byte[0];
    boolean hold;
    Hold heldBy;
  }

  EpicorHttpHandler(EpicorSandbox sandbox) {
    this.sandbox = sandbox;
    this.settings = sandbox.settings();
    this.dataset = sandbox.dataset();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Reply reply = new Reply();
    try {
      sleep(sandbox.faults().latency());
      route(exchange, reply);
    } catch (EpicorApiException e) {
      error(reply, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    } catch (RuntimeException e) {
      error(reply, new EpicorApiException(500, EpicorApiException.SERVER_EXCEPTION,
          "Sorry! Something went wrong. Please contact your system administrator."));
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
      tokenResource(exchange, reply);
    } else if (rest.equals("/connect/token")) {
      reply.kind = RequestKind.OAUTH_TOKEN;
      oauthToken(exchange, reply);
    } else if (rest.startsWith(API_PREFIX)) {
      api(exchange, reply, rest.substring(API_PREFIX.length()));
    } else {
      throw EpicorApiException.notFound("No resource at " + rawPath);
    }
  }

  // ------------------------------------------------------------------ tokens

  private void tokenResource(HttpExchange exchange, Reply reply) {
    requireMethod(exchange, "POST");
    Headers h = exchange.getRequestHeaders();
    String user = h.getFirst("username");
    String password = h.getFirst("password");
    if (user == null) {
      String[] basic = basicCredentials(h);
      if (basic != null) {
        user = basic[0];
        password = basic[1];
      }
    }
    if (user == null || password == null || !password.equals(settings.users().get(user))) {
      throw EpicorApiException.unauthorized("Incorrect username or password.");
    }
    TokenIssuer.Issued issued = sandbox.tokens().issue(user);
    String accept = Optional.ofNullable(h.getFirst("Accept")).orElse("");
    if (accept.toLowerCase(Locale.ROOT).contains("json")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("AccessToken", issued.token());
      body.put("ExpiresIn", sandbox.tokens().lifetimeSeconds());
      body.put("TokenType", "Bearer");
      json(reply, 200, body);
    } else {
      reply.contentType = "application/xml; charset=utf-8";
      reply.body = ("<Token xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><AccessToken>" + issued.token()
          + "</AccessToken><ExpiresIn>" + sandbox.tokens().lifetimeSeconds()
          + "</ExpiresIn><TokenType>Bearer</TokenType></Token>").getBytes(StandardCharsets.UTF_8);
    }
  }

  private void oauthToken(HttpExchange exchange, Reply reply) throws IOException {
    requireMethod(exchange, "POST");
    Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    String[] basic = basicCredentials(exchange.getRequestHeaders());
    if (basic != null) {
      clientId = basic[0];
      clientSecret = basic[1];
    }
    String grant = form.getOrDefault("grant_type", "");
    if (!grant.equals("client_credentials")) {
      oauthError(reply, 400, "unsupported_grant_type");
      return;
    }
    if (clientId == null || clientSecret == null || !clientSecret.equals(settings.oauthClients().get(clientId))) {
      oauthError(reply, 401, "invalid_client");
      return;
    }
    TokenIssuer.Issued issued = sandbox.tokens().issue(clientId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issued.token());
    body.put("expires_in", sandbox.tokens().lifetimeSeconds());
    body.put("token_type", "Bearer");
    body.put("scope", form.getOrDefault("scope", "epicor_erp"));
    json(reply, 200, body);
  }

  private void oauthError(Reply reply, int status, String error) {
    json(reply, status, Map.of("error", error));
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
    Faults faults = sandbox.faults();
    reply.hold = faults.takeTimeout();
    String query = exchange.getRequestURI().getRawQuery();
    reply.heldBy = faults.takeHold(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
    if (faults.takeServerError()) {
      throw new EpicorApiException(500, EpicorApiException.SERVER_EXCEPTION,
          "Sorry! Something went wrong. Please contact your system administrator.");
    }
    if (faults.takeLicence()) {
      throw new EpicorApiException(400, EpicorApiException.LICENSE_EXCEPTION,
          "Maximum users exceeded on license. Please contact your system administrator.");
    }
    if (faults.takeUnauthorized()) {
      throw EpicorApiException.unauthorized("Access token is invalid or has expired.");
    }
    String identity = authenticate(exchange.getRequestHeaders());
    if (segments.size() < 2) {
      throw EpicorApiException.notFound("No service at " + exchange.getRequestURI().getRawPath());
    }
    String company = segments.get(0);
    String matchedCompany = dataset.companies().stream().filter(c -> c.equalsIgnoreCase(company)).findFirst()
        .orElseThrow(() -> EpicorApiException.badRequest("Invalid company: '" + company
            + "' is not a company the current user can access."));
    String service = segments.get(1);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (service.equals("BaqSvc")) {
      baq(method, reply, matchedCompany, segments, rawQuery);
      return;
    }
    if (segments.size() == 3 && segments.get(2).equals("$metadata")) {
      metadata(method, reply, service);
      return;
    }
    if (segments.size() < 3 || segments.size() > 4) {
      throw EpicorApiException.notFound("No resource at " + exchange.getRequestURI().getRawPath());
    }
    if (segments.size() == 3 && segments.get(2).equals("UpdateExt")) {
      if (!method.equals("POST")) {
        throw methodNotAllowed(method);
      }
      updateExt(exchange, reply, matchedCompany, service, identity);
      return;
    }
    KeyPredicate first = KeyPredicate.parse(segments.get(2));
    EntitySetSchema set = servedSet(service, first.entitySet());
    if (segments.size() == 4) {
      navigation(method, reply, matchedCompany, service, set, first, segments.get(3), rawQuery);
      return;
    }
    String contextBase = contextBase(matchedCompany, service);
    if (!first.hasKey()) {
      switch (method) {
        case "GET" -> readCompanySet(reply, contextBase, set, matchedCompany, rawQuery);
        case "POST" -> insert(exchange, reply, matchedCompany, set, identity, contextBase);
        default -> throw methodNotAllowed(method);
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
      default -> throw methodNotAllowed(method);
    }
  }

  private static RequestKind kindOf(String method, List<String> segments) {
    if (!method.equals("GET")) {
      return RequestKind.WRITE;
    }
    if (segments.size() >= 2 && segments.get(1).equals("BaqSvc")) {
      return RequestKind.READ_BAQ;
    }
    if (segments.size() == 3 && segments.get(2).equals("$metadata")) {
      return RequestKind.METADATA;
    }
    if (segments.size() == 3 && segments.get(2).endsWith(")")) {
      return RequestKind.READ_ENTITY;
    }
    return RequestKind.READ_SET;
  }

  private String authenticate(Headers headers) {
    String key = headers.getFirst("x-api-key");
    if (key == null || !key.equals(settings.apiKey())) {
      throw EpicorApiException.unauthorized(key == null ? "API key is required." : "Invalid API key.");
    }
    String authorization = headers.getFirst("Authorization");
    if (authorization == null) {
      throw EpicorApiException.unauthorized("Authorization has been denied for this request.");
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return sandbox.tokens().identityOf(authorization.substring(7).trim())
          .orElseThrow(() -> EpicorApiException.unauthorized("Access token is invalid or has expired."));
    }
    String[] basic = basicCredentials(headers);
    if (basic != null && basic[1].equals(settings.users().get(basic[0]))) {
      return basic[0];
    }
    throw EpicorApiException.unauthorized("Incorrect username or password.");
  }

  private EntitySetSchema servedSet(String service, String entitySet) {
    EntitySetSchema set = dataset.schema().entitySet(entitySet).orElse(null);
    boolean serviceKnown = dataset.schema().entitySets().stream().anyMatch(s -> s.service().equals(service));
    if (!serviceKnown) {
      throw EpicorApiException.notFound("Service " + service + " not found.");
    }
    if (set == null || !set.service().equals(service)) {
      throw EpicorApiException.notFound("Resource " + entitySet + " not found in " + service + ".");
    }
    return set;
  }

  private String contextBase(String company, String service) {
    return sandbox.rootUrl() + API_PREFIX + company + "/" + service + "/$metadata#";
  }

  private void readCompanySet(Reply reply, String contextBase, EntitySetSchema set, String company, String rawQuery) {
    QueryEngine engine = dataset.queries();
    QueryEngine.Query query = engine.parse(set.entitySet(), rawQuery);
    writeSet(reply, contextBase, set, dataset.withRowsOfCompany(set.entitySet(), company, query.filter(),
        rows -> engine.apply(query, rows, settings.defaultTopCap())));
  }

  private void readSet(Reply reply, String contextBase, EntitySetSchema set, List<Map<String, Object>> rows,
      String rawQuery) {
    QueryEngine engine = dataset.queries();
    QueryEngine.Query query = engine.parse(set.entitySet(), rawQuery);
    writeSet(reply, contextBase, set, engine.apply(query, rows, settings.defaultTopCap()));
  }

  private void writeSet(Reply reply, String contextBase, EntitySetSchema set, QueryEngine.Result result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", contextBase + set.entitySet());
    if (result.count() != null) {
      body.put("@odata.count", result.count());
    }
    body.put("value", result.rows());
    json(reply, 200, body);
  }

  private void readEntity(Reply reply, String contextBase, EntitySetSchema set, Map<String, Object> keys,
      String rawQuery) {
    QueryEngine engine = dataset.queries();
    QueryEngine.Query query = engine.parse(set.entitySet(), rawQuery);
    Map<String, Object> row = findOr404(set, keys);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", contextBase + set.entitySet() + "/$entity");
    body.putAll(engine.projectOne(query, row));
    json(reply, 200, body);
  }

  private void navigation(String method, Reply reply, String company, String service, EntitySetSchema parent,
      KeyPredicate parentKey, String childSegment, String rawQuery) {
    if (!method.equals("GET") || !parentKey.hasKey()) {
      throw methodNotAllowed(method);
    }
    EntitySetSchema child = servedSet(service, childSegment);
    if (child.keys().size() <= parent.keys().size() || !child.keys().containsAll(parent.keys())) {
      throw EpicorApiException.notFound("Navigation " + childSegment + " not found on " + parent.entitySet() + ".");
    }
    Map<String, Object> keys = parentKey.keyMap(parent);
    Map<String, Object> parentRow = findOr404(parent, keys);
    List<Map<String, Object>> children = dataset.rowsOfCompany(child.entitySet(), company);
    children.removeIf(row -> parent.keys().stream().anyMatch(k -> !java.util.Objects.equals(row.get(k), parentRow.get(k))));
    readSet(reply, contextBase(company, service), child, children, rawQuery);
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
      body = readJsonObject(exchange);
      findOr404(set, keys);
      try {
        dataset.update(set.entitySet(), keys, body, identity);
      } catch (DatasetException e) {
        throw EpicorApiException.badRequest(e.getMessage());
      }
      status = 204;
      reply.status = 204;
      reply.body = new byte[0];
    } catch (EpicorApiException e) {
      status = e.status();
      throw e;
    } finally {
      recordWrite(exchange, set, keys, body, status);
    }
  }

  /**
   * The BO method UpdateExt: {@code {"ds":{"OrderRel":[partial rows with RowMod "U"|"A"|"D"]},
   * "continueProcessingOnError":true,"rollbackParentOnChildError":true}}. Every row is applied on its own; a row
   * that fails is reported in {@code returnObj.BOUpdError} (200, never an exception) and, without
   * continueProcessingOnError, the rows after it are not processed. Rows with RowMod "" are unchanged rows.
   */
  private void updateExt(HttpExchange exchange, Reply reply, String company, String service, String identity)
      throws IOException {
    if (dataset.schema().entitySets().stream().noneMatch(s -> s.service().equals(service))) {
      throw EpicorApiException.notFound("Service " + service + " not found.");
    }
    JsonNode body = readJsonObject(exchange);
    JsonNode ds = body.get("ds");
    if (ds == null || !ds.isObject()) {
      throw EpicorApiException.badRequest("Unable to deserialize entity. UpdateExt needs a 'ds' object of tables.");
    }
    boolean continueOnError = body.path("continueProcessingOnError").asBoolean(false);
    List<Map<String, Object>> errors = new ArrayList<>();
    Map<String, List<Object>> applied = new LinkedHashMap<>();
    String path = exchange.getRequestURI().getPath();
    boolean stopped = false;
    for (Iterator<Map.Entry<String, JsonNode>> tables = ds.fields(); tables.hasNext() && !stopped; ) {
      Map.Entry<String, JsonNode> table = tables.next();
      EntitySetSchema set = dataset.schema().entitySets().stream()
          .filter(s -> s.service().equals(service) && s.table().equals(table.getKey())).findFirst()
          .orElseThrow(() -> EpicorApiException.badRequest("Unable to deserialize entity. Table " + table.getKey()
              + " is not part of the " + service + " tableset."));
      if (!table.getValue().isArray()) {
        throw EpicorApiException.badRequest("Unable to deserialize entity. ds." + table.getKey() + " must be an array.");
      }
      for (JsonNode row : table.getValue()) {
        if (!row.isObject()) {
          throw EpicorApiException.badRequest("Unable to deserialize entity. A " + table.getKey() + " row must be an object.");
        }
        String rowMod = row.path("RowMod").asText("");
        if (rowMod.isEmpty()) {
          continue;
        }
        com.fasterxml.jackson.databind.node.ObjectNode fields = ((com.fasterxml.jackson.databind.node.ObjectNode) row).deepCopy();
        if (!fields.has("Company")) {
          fields.put("Company", company);
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String k : set.keys()) {
          if (fields.has(k)) {
            keys.put(k, MAPPER.convertValue(fields.get(k), Object.class));
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
        Map<String, Object> bodyMap = MAPPER.convertValue(fields, LinkedHashMap.class);
        sandbox.writes().add(new RecordedWrite("POST", path, set.entitySet(), keys, bodyMap, error == null ? 200 : 400));
        if (error != null) {
          Object sysRowId = sysRowIdOf(set, keys);
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("TableName", set.table());
          e.put("ErrorLevel", "Error");
          e.put("ErrorType", "Exception");
          e.put("ErrorText", error);
          e.put("ErrorSysRowID", sysRowId);
          e.put("SysRowID", sysRowId);
          e.put("RowMod", rowMod);
          errors.add(e);
          if (!continueOnError) {
            stopped = true;
            break;
          }
        } else if (result != null) {
          applied.computeIfAbsent(set.table(), t -> new ArrayList<>()).add(result);
        }
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
    json(reply, 200, out);
  }

  private Object sysRowIdOf(EntitySetSchema set, Map<String, Object> keys) {
    Object none = "00000000-0000-0000-0000-000000000000";
    if (keys.size() < set.keys().size()) {
      return none;
    }
    try {
      return dataset.find(set.entitySet(), keys).map(r -> r.get("SysRowID")).orElse(none);
    } catch (DatasetException e) {
      return none;
    }
  }

  private void insert(HttpExchange exchange, Reply reply, String company, EntitySetSchema set, String identity,
      String contextBase) throws IOException {
    JsonNode body = null;
    Map<String, Object> keys = new LinkedHashMap<>();
    int status = 400;
    try {
      body = readJsonObject(exchange);
      for (String k : set.keys()) {
        if (body.has(k)) {
          keys.put(k, MAPPER.convertValue(body.get(k), Object.class));
        }
      }
      if (!body.has("Company")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("Company", company);
        keys.put("Company", company);
      }
      Map<String, Object> row;
      try {
        row = dataset.insert(set.entitySet(), body, identity);
      } catch (EpicorDataset.DuplicateKeyException e) {
        throw new EpicorApiException(409, EpicorApiException.BO_EXCEPTION, "Record already exists. " + e.getMessage());
      } catch (DatasetException e) {
        throw EpicorApiException.badRequest(e.getMessage());
      }
      status = 201;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("@odata.context", contextBase + set.entitySet() + "/$entity");
      out.putAll(row);
      json(reply, 201, out);
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
      reply.status = 204;
    } finally {
      recordWrite(exchange, set, keys, null, status);
    }
  }

  private void recordWrite(HttpExchange exchange, EntitySetSchema set, Map<String, Object> keys, JsonNode body,
      int status) {
    @SuppressWarnings("unchecked")
    Map<String, Object> bodyMap = body == null ? null : MAPPER.convertValue(body, LinkedHashMap.class);
    sandbox.writes().add(new RecordedWrite(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getPath(), set.entitySet(), keys, bodyMap, status));
  }

  private JsonNode readJsonObject(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException malformed) {
      // answered below like Epicor does
    }
    throw EpicorApiException.badRequest("Unable to deserialize entity. The request body must be a JSON object.");
  }

  private void baq(String method, Reply reply, String company, List<String> segments, String rawQuery) {
    if (segments.size() != 4 || !segments.get(3).equals("Data")) {
      throw EpicorApiException.notFound("BAQ resource not found; use BaqSvc/{BaqID}/Data.");
    }
    if (!method.equals("GET")) {
      throw methodNotAllowed(method);
    }
    BaqDefinition baq = dataset.baqs().get(segments.get(2));
    if (baq == null) {
      throw EpicorApiException.notFound("BAQ " + segments.get(2) + " not found.");
    }
    EntitySetSchema source = dataset.schema().entitySet(baq.from()).orElseThrow();
    QueryEngine engine = dataset.queries();
    List<Map<String, Object>> rows = dataset.rowsOfCompany(source.entitySet(), company);
    if (!baq.filter().isBlank()) {
      String encoded = java.net.URLEncoder.encode(baq.filter(), StandardCharsets.UTF_8);
      rows = engine.apply(engine.parse(source.entitySet(), "$filter=" + encoded), rows, Integer.MAX_VALUE).rows();
    }
    List<Map<String, Object>> projected = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String column : baq.columns()) {
        out.put(BaqDefinition.columnName(source, column), row.get(column));
      }
      out.put("RowIdent", "");
      projected.add(out);
    }
    QueryEngine.Result result = engine.apply(engine.parse(EpicorEdm.baqSetName(baq.id()), rawQuery), projected,
        settings.defaultTopCap());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", sandbox.rootUrl() + API_PREFIX + company + "/BaqSvc/" + baq.id() + "/$metadata#Results");
    if (result.count() != null) {
      body.put("@odata.count", result.count());
    }
    body.put("value", result.rows());
    json(reply, 200, body);
  }

  private void metadata(String method, Reply reply, String service) {
    if (!method.equals("GET")) {
      throw methodNotAllowed(method);
    }
    if (dataset.schema().entitySets().stream().noneMatch(s -> s.service().equals(service))) {
      throw EpicorApiException.notFound("Service " + service + " not found.");
    }
    try {
      ServiceMetadata metadata = dataset.edm().odata().createServiceMetadata(dataset.edm(), List.of());
      reply.contentType = "application/xml; charset=utf-8";
      reply.body = dataset.edm().odata().createSerializer(ContentType.APPLICATION_XML)
          .metadataDocument(metadata).getContent().readAllBytes();
    } catch (Exception e) {
      throw new IllegalStateException("metadata serialisation failed", e);
    }
  }

  // ------------------------------------------------------------------ helpers

  private void error(Reply reply, EpicorApiException e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("Message", e.getMessage());
    detail.put("Type", "Error");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("HttpStatus", e.status());
    body.put("ReasonPhrase", e.reasonPhrase());
    body.put("ErrorMessage", e.getMessage());
    body.put("ErrorType", e.errorType());
    body.put("ErrorDetails", List.of(detail));
    body.put("CorrelationId", UUID.randomUUID().toString());
    json(reply, e.status(), body);
  }

  private static void json(Reply reply, int status, Object body) {
    reply.status = status;
    reply.contentType = JSON;
    try {
      reply.body = MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

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

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
      throw methodNotAllowed(exchange.getRequestMethod());
    }
  }

  private static EpicorApiException methodNotAllowed(String method) {
    return new EpicorApiException(405, EpicorApiException.BO_EXCEPTION,
        "The requested resource does not support http method '" + method + "'.");
  }

  private static String[] basicCredentials(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
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
