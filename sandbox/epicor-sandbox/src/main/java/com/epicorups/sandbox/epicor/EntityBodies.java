package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Request bodies of writes, read and refused the way Epicor's REST layer does. */
final class EntityBodies {
  private EntityBodies() {}

  /** The body as a JSON object, else 400 "Unable to deserialize entity" (Epicor's swagger text for a 400 on writes). */
  static JsonNode readObject(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode node = Reply.MAPPER.readTree(bytes);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException malformed) {
      // answered below like Epicor does
    }
    throw EpicorApiException.badRequest("Unable to deserialize entity. The request body must be a JSON object.");
  }

  /**
   * A write naming a column the table does not have (on a fresh tenant: any UD column nobody created). Epicor's
   * swagger documents 400 "Unable to deserialize entity. Input data is not in correct format." for writes; the
   * sentence naming the property follows Microsoft OData's wording for a property a type does not define.
   */
  static EpicorApiException unknownColumn(EntitySetSchema set, String field) {
    return EpicorApiException.badRequest("Unable to deserialize entity. Input data is not in correct format. "
        + "The property '" + field + "' does not exist on type '" + EpicorEdm.NAMESPACE + "." + set.rowTypeName()
        + "'. Make sure to only use property names that are defined by the type.");
  }

  /** A dataset refusal of a write as Epicor answers it: unknown columns as above, anything else as a 400 BO error. */
  static EpicorApiException refusal(DatasetException e) {
    if (e instanceof UnknownFieldException unknown) {
      return unknownColumn(unknown.set(), unknown.field());
    }
    return EpicorApiException.badRequest(e.getMessage());
  }
}
