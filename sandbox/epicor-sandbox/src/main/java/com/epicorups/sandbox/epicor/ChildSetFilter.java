package com.epicorups.sandbox.epicor;

import java.util.Locale;

/**
 * What a {@code $filter} does on a child entity set of a business object (OrderDtls and OrderRels under
 * Erp.BO.SalesOrderSvc, ShipToes under CustomerSvc, ShipDtls and CartonTrkDtls under CustShipSvc), whether read as a
 * top-level set ({@code Erp.BO.SalesOrderSvc/OrderRels?$filter=...}) or by navigation
 * ({@code OrderDtls(...)/OrderRels?$filter=...}). Epicor's behaviour here is uncertain: see the README ("$filter on
 * child sets") for what was found and its sources.
 */
public enum ChildSetFilter {
  /** OData's meaning: the filter is over the child's own columns. Not the default: nothing shows Epicor does this. */
  CHILD,
  /**
   * What one public integration reports Epicor doing, and the default: the filter is bound to the service's primary
   * table (OrderHed for SalesOrderSvc). A column that table lacks is a 400 naming its row type; a filter that parses
   * selects the primary rows, and every child row under a selected primary row is returned.
   */
  PARENT,
  /** Any {@code $filter} on a child set is a 400: nothing can rely on it. */
  REFUSE;

  /** The system property that sets the default, so a whole test suite can run against a stricter sandbox. */
  public static final String PROPERTY = "epicor.sandbox.childSetFilter";

  /**
   * {@link #PARENT}, the stricter reading of an uncertain behaviour (README, "$filter on child sets"), unless the
   * system property {@value #PROPERTY} names another mode.
   */
  public static ChildSetFilter configuredDefault() {
    String configured = System.getProperty(PROPERTY);
    return configured == null || configured.isBlank() ? PARENT : parse(configured);
  }

  public static ChildSetFilter parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("child-set filter mode must be CHILD, PARENT or REFUSE, got " + text, e);
    }
  }
}
