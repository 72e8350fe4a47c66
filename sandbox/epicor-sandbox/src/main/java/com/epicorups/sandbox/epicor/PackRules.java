package com.epicorups.sandbox.epicor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Epicor's rules for writes to a customer shipment (Erp.BO.CustShipSvc): a voided pack can no longer be updated, and
 * nothing is added to or changed under it (its ShipHead, ShipDtl, CartonTrkDtl and ShipMisc rows); a pack line or carton needs
 * its pack; a carton's {@code CaseID} is Epicor's, "PackNum-CaseNum". Sources: README, "Customer shipments (packs)".
 */
final class PackRules {

  static final String HEAD_SET = "CustShips";
  private static final List<String> PACK_CHILD_SETS = List.of("ShipDtls", "CartonTrkDtls", "ShipMiscs");

  private PackRules() {
  }

  /**
   * Checks an update of {@code stored} in {@code set}; {@code packs} finds a ShipHead row by its key
   * (Company, PackNum), null when there is none.
   */
  static void checkUpdate(EntitySetSchema set, Map<String, Object> stored, Map<String, Object> changes,
      Function<List<Object>, Map<String, Object>> packs) {
    if (set.entitySet().equals(HEAD_SET)) {
      refuseWhenVoided(stored);
    } else if (PACK_CHILD_SETS.contains(set.entitySet())) {
      refuseWhenVoided(parent(set, stored, packs));
      if (changes.containsKey("CaseID") && !RowValues.sameValue(changes.get("CaseID"), stored.get("CaseID"))) {
        throw new DatasetException("CaseID is set by Epicor (PackNum-CaseNum) and cannot be changed.");
      }
    }
  }

  /** Checks (and completes) a new row of {@code set} before it is stored. */
  static void checkInsert(EntitySetSchema set, Map<String, Object> row,
      Function<List<Object>, Map<String, Object>> packs) {
    if (!PACK_CHILD_SETS.contains(set.entitySet())) {
      return;
    }
    refuseWhenVoided(parent(set, row, packs));
    if (set.entitySet().equals("CartonTrkDtls")) {
      row.put("CaseID", row.get("PackNum") + "-" + row.get("CaseNum"));
    }
  }

  private static Map<String, Object> parent(EntitySetSchema set, Map<String, Object> row,
      Function<List<Object>, Map<String, Object>> packs) {
    Map<String, Object> pack = packs.apply(List.of(row.get("Company"), row.get("PackNum")));
    if (pack == null) {
      throw new DatasetException("Pack " + row.get("PackNum") + " does not exist: a " + set.table()
          + " row needs its ShipHead.");
    }
    return pack;
  }

  private static void refuseWhenVoided(Map<String, Object> pack) {
    if (Boolean.TRUE.equals(pack.get("Voided"))) {
      throw new DatasetException("Pack " + pack.get("PackNum") + " is voided and cannot be updated.");
    }
  }
}
