package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Epicor's rules for a pack's miscellaneous charge (Erp.BO.CustShipSvc ShipMiscs, table ShipMisc), from the field
 * help of Epicor's swagger: PackLine "is always zero" (a charge belongs to the ShipHead); MiscCode "must be valid in
 * the MiscChrg master file"; MiscAmt "Can't be zero"; Description defaults to MiscChrg.Description. Also from
 * MiscChrg's help: only a charge whose ShippingAccess is set "can be entered during the shipping process (packing
 * slip)". What the sandbox chose (no source): an amount below zero or with more than 2 decimals is refused, and
 * DocMiscAmt is MiscAmt (the sandbox knows one currency). Sources: README, "Customer shipments (packs)".
 */
final class MiscChargeRules {

  static final String SET = "ShipMiscs";
  static final String MASTER_SET = "MiscChrgs";

  private MiscChargeRules() {
  }

  /**
   * Checks a ShipMisc row as it would be stored ({@code row}) and completes {@code completed} (the row itself for an
   * insert, the changes for an update) with what Epicor derives. {@code masters} finds a MiscChrg row by (Company,
   * MiscCode), null when there is none.
   */
  static void check(EntitySetSchema set, Map<String, Object> row, Map<String, Object> completed,
      Function<List<Object>, Map<String, Object>> masters) {
    if (!set.entitySet().equals(SET)) {
      return;
    }
    if (((Number) row.get("PackLine")).intValue() != 0) {
      throw new DatasetException("ShipMisc.PackLine must be 0: a miscellaneous charge belongs to the pack (ShipHead),"
          + " not to a line.");
    }
    String code = String.valueOf(row.get("MiscCode"));
    Map<String, Object> master = code.isBlank() ? null : masters.apply(List.of(row.get("Company"), code));
    if (master == null) {
      throw new DatasetException("Miscellaneous charge code '" + code + "' is not valid: it must exist in Misc Charge"
          + " Maintenance (MiscChrg) of company " + row.get("Company") + ".");
    }
    if (!Boolean.TRUE.equals(master.get("ShippingAccess"))) {
      throw new DatasetException("Miscellaneous charge code '" + code + "' is not available on packing slips"
          + " (MiscChrg.ShippingAccess is false).");
    }
    BigDecimal amount = new BigDecimal(String.valueOf(row.get("MiscAmt")));
    if (amount.signum() == 0) {
      throw new DatasetException("ShipMisc.MiscAmt can't be zero.");
    }
    if (amount.signum() < 0) {
      throw new DatasetException("ShipMisc.MiscAmt must not be negative, was " + amount.toPlainString() + ".");
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new DatasetException("ShipMisc.MiscAmt has at most 2 decimals, was " + amount.toPlainString() + ".");
    }
    if (String.valueOf(row.get("Description")).isBlank()) {
      completed.put("Description", master.get("Description"));
    }
    completed.put("DocMiscAmt", amount);
    completed.put("MiscCodeDescription", master.get("Description"));
  }
}
