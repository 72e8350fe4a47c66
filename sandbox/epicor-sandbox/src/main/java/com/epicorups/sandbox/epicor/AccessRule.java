package com.epicorups.sandbox.epicor;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One thing the API key/user may not do: read or write a service (Erp.BO.SalesOrderSvc), one of its entity sets
 * (OrderRels), or a BAQ (service "BaqSvc", entitySet = the BAQ id). Epicor denies these through the API key's access
 * scope or the user's service/method security; {@code status} is how the refusal is answered: 403 (the default),
 * or 401/404, which some releases answer for a service outside the key's scope.
 *
 * @param user the user (or OAuth client) the rule applies to; null = every caller
 */
public record AccessRule(String service, String entitySet, Access access, String user, int status) {

  /** What the rule denies. Reads: GETs, $metadata, BAQ data. Writes: PATCH, POST, DELETE and BO methods (UpdateExt). */
  public enum Access {
    READ, WRITE, ALL;

    boolean covers(Access asked) {
      return this == ALL || this == asked;
    }

    static Access parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("access must be read, write or all, got " + text);
      }
    }
  }

  private static final Set<Integer> STATUSES = Set.of(401, 403, 404);

  public AccessRule {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(access, "access");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be 401, 403 or 404, got " + status);
    }
  }

  /** Denies {@code access} on a whole service to every caller, answered 403. */
  public static AccessRule deny(String service, Access access) {
    return new AccessRule(service, null, access, null, 403);
  }

  /** The same rule on one entity set (or BAQ id) of the service. */
  public AccessRule onEntitySet(String set) {
    return new AccessRule(service, set, access, user, status);
  }

  /** The same rule for one user only. */
  public AccessRule forUser(String name) {
    return new AccessRule(service, entitySet, access, name, status);
  }

  /** The same rule answered with another status (401 or 404 instead of 403). */
  public AccessRule answeredWith(int httpStatus) {
    return new AccessRule(service, entitySet, access, user, httpStatus);
  }

  boolean matches(String caller, String askedService, String askedSet, Access asked) {
    return service.equals(askedService) && access.covers(asked)
        && (entitySet == null || entitySet.equals(askedSet))
        && (user == null || user.equalsIgnoreCase(caller));
  }
}
