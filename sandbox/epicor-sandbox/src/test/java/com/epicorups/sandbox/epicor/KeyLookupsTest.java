package com.epicorups.sandbox.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyLookupsTest {
  private static final EpicorDataset DATASET = EpicorDataset.sample();

  private static Optional<List<KeyLookups.Lookup>> plan(String entitySet, String filter) {
    QueryEngine.Query query = DATASET.queries().parse(entitySet, "$filter=" + TestHttp.q(filter));
    EntitySetSchema set = DATASET.schema().entitySet(entitySet).orElseThrow();
    return KeyLookups.plan(query.filter(), set.fields(), set.keys().subList(1, set.keys().size()));
  }

  private static KeyLookups.Lookup lookup(String column, Object value) {
    return new KeyLookups.Lookup(column, value);
  }

  @Test
  void orOfKeyedBranchesLooksUpEveryKeyOnce() {
    assertThat(plan("OrderRels", "(ReadyToFulfill eq true) and ((OrderNum eq 5001 and OrderLine eq 2 and OrderRelNum eq 1)"
        + " or (OrderNum eq 5002.00 and OrderLine eq 1) or OrderNum in (5001, 5003))"))
        .contains(List.of(lookup("OrderNum", new BigDecimal("5001")), lookup("OrderNum", new BigDecimal("5002")),
            lookup("OrderNum", new BigDecimal("5003"))));
  }

  @Test
  void andKeepsTheSideOnTheEarlierKeyColumn() {
    assertThat(plan("OrderRels", "OrderLine eq 1 and OrderNum eq 5001"))
        .contains(List.of(lookup("OrderNum", new BigDecimal("5001"))));
    assertThat(plan("OrderRels", "OrderLine eq 1 and ShipViaCode eq 'UPSG'"))
        .contains(List.of(lookup("OrderLine", BigDecimal.ONE)));
  }

  @Test
  void stringKeysAreLookedUpCaseFolded() {
    assertThat(plan("Parts", "PartNum eq 'Brkt-100' or 'pump-220' eq PartNum"))
        .contains(List.of(lookup("PartNum", "brkt-100"), lookup("PartNum", "pump-220")));
  }

  @Test
  void unrestrictedOrUnsafeFiltersGetNoLookups() {
    assertThat(plan("OrderRels", "OrderNum eq 5001 or ShipViaCode eq 'UPSG'")).isEmpty();
    assertThat(plan("OrderRels", "not (OrderNum eq 5001)")).isEmpty();
    assertThat(plan("OrderRels", "OrderNum gt 5001")).isEmpty();
    assertThat(plan("OrderRels", "Company eq 'EPIC06'")).isEmpty();
    assertThat(plan("OrderRels", "OrderNum eq 5001 and substring(PartNum, 1) eq 'x'")).isEmpty();
    assertThat(plan("OrderRels", "OrderNum eq 5001 and round(OurReqQty) eq 1")).isEmpty();
    assertThat(plan("OrderRels", "OrderNum eq 5001 and tolower(ShipViaCode) eq 'upsg' and year(ReqDate) eq 2026"
        + " and OurReqQty add 1 gt 2 and ReqDate ge 2026-01-01T00:00:00Z"))
        .contains(List.of(lookup("OrderNum", new BigDecimal("5001"))));
  }
}
