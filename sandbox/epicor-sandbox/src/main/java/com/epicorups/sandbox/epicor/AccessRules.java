package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the API key/user may not read or write, changeable while the sandbox runs. Empty by default: the
 * sandbox's key and users may do everything, like a key without an access scope and a security-manager user.
 * A refusal is answered like Epicor: 403 with ErrorType Ice.Common.UnauthorizedAccessException (see README for the
 * source), or the rule's 401/404.
 */
public final class AccessRules {
  static final String DATASET_KEY = "AccessDenied";

  private final List<AccessRule> rules = new CopyOnWriteArrayList<>();

  /** Adds a rule; returns this for chaining. */
  public AccessRules deny(AccessRule rule) {
    rules.add(rule);
    return this;
  }

  public AccessRules denyRead(String service) {
    return deny(AccessRule.deny(service, AccessRule.Access.READ));
  }

  public AccessRules denyWrite(String service) {
    return deny(AccessRule.deny(service, AccessRule.Access.WRITE));
  }

  /** Allows everything again. */
  public AccessRules clear() {
    rules.clear();
    return this;
  }

  public List<AccessRule> rules() {
    return List.copyOf(rules);
  }

  /** Throws Epicor's refusal when a rule denies {@code caller} this access to the service (or set / BAQ id). */
  void check(String caller, String service, String entitySet, AccessRule.Access access) {
    for (AccessRule rule : rules) {
      if (rule.matches(caller, service, entitySet, access)) {
        throw refusal(rule, caller, service, entitySet, access);
      }
    }
  }

  private static EpicorApiException refusal(AccessRule rule, String caller, String service, String entitySet,
      AccessRule.Access access) {
    String what = service + (entitySet == null ? "" : "/" + entitySet);
    return switch (rule.status()) {
      case 401 -> EpicorApiException.unauthorized("Access to " + what + " is not allowed for this API key.");
      case 404 -> EpicorApiException.notFound("Service " + what + " not found.");
      default -> EpicorApiException.forbidden("Access denied: '" + caller + "' is not authorized to "
          + (access == AccessRule.Access.READ ? "read" : "update") + " " + what + ".");
    };
  }

  /**
   * Parses a dataset's {@code "AccessDenied": [{"service": "Erp.BO.SalesOrderSvc", "entitySet": "OrderRels",
   * "access": "write", "user": "integration", "status": 403}, ...]} (entitySet, user and status optional).
   */
  static List<AccessRule> parse(JsonNode node) {
    List<AccessRule> parsed = new ArrayList<>();
    if (node == null || node.isNull()) {
      return parsed;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("must be an array of {service, entitySet?, access, user?, status?}");
    }
    int index = 0;
    for (JsonNode rule : node) {
      String where = "rule " + index++ + ": ";
      if (!rule.isObject() || !rule.path("service").isTextual()) {
        throw new IllegalArgumentException(where + "needs a \"service\" (e.g. Erp.BO.SalesOrderSvc or BaqSvc)");
      }
      try {
        parsed.add(new AccessRule(rule.get("service").asText(), rule.path("entitySet").asText(null),
            AccessRule.Access.parse(rule.path("access").asText(null)), rule.path("user").asText(null),
            rule.path("status").asInt(403)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
    }
    return parsed;
  }
}
