package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What to send back for one request, and how the request is counted. */
final class Reply {
  static final String JSON = "application/json; charset=utf-8";
  static final String XML = "application/xml; charset=utf-8";
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  RequestKind kind = RequestKind.OTHER;
  int status = 200;
  String contentType = JSON;
  byte[] body = new byte[0];
  /** Hold the reply past the client's read timeout (Faults.timeoutNext). */
  boolean hold;
  /** Hold the reply until the test releases it (Faults.holdNext). */
  Hold heldBy;

  void json(int httpStatus, Object value) {
    status = httpStatus;
    contentType = JSON;
    try {
      body = MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void xml(byte[] document) {
    status = 200;
    contentType = XML;
    body = document;
  }

  void noContent() {
    status = 204;
    body = new byte[0];
  }

  /** Epicor's error envelope. */
  void error(EpicorApiException e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("Message", e.getMessage());
    detail.put("Type", "Error");
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("HttpStatus", e.status());
    envelope.put("ReasonPhrase", e.reasonPhrase());
    envelope.put("ErrorMessage", e.getMessage());
    envelope.put("ErrorType", e.errorType());
    envelope.put("ErrorDetails", List.of(detail));
    envelope.put("CorrelationId", UUID.randomUUID().toString());
    json(e.status(), envelope);
  }

  /** An OData service document: the entity sets under a service root. */
  void serviceDocument(String metadataUrl, List<String> entitySets) {
    List<Map<String, Object>> sets = new ArrayList<>();
    for (String name : entitySets) {
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("name", name);
      set.put("kind", "EntitySet");
      set.put("url", name);
      sets.add(set);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("@odata.context", metadataUrl);
    document.put("value", sets);
    json(200, document);
  }

  static EpicorApiException methodNotAllowed(String method) {
    return new EpicorApiException(405, EpicorApiException.BO_EXCEPTION,
        "The requested resource does not support http method '" + method + "'.");
  }
}
