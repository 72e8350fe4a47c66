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
    return KeyLookups.plan(query.filter(), set.fields(), set.keys().subList(1, set.keys().size()), "SysRevID");
  }

  private static KeyLookups.Lookup lookup(String column, Object value) {
    return new KeyLookups.Equal(column, value);
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

  private static KeyLookups.Range revisions(Integer low, boolean lowInclusive, Integer high, boolean highInclusive) {
    return new KeyLookups.Range("SysRevID", low == null ? null : BigDecimal.valueOf(low), lowInclusive,
        high == null ? null : BigDecimal.valueOf(high), highInclusive);
  }

  @Test
  void thePollersKeysetFilterLooksUpRevisionsFromItsCursorOn() {
    assertThat(plan("OrderRels", "(OpenRelease eq true and ReadyToFulfill eq true) and (SysRevID gt 40 or (SysRevID eq 40"
        + " and (OrderNum gt 5001 or (OrderNum eq 5001 and (OrderLine gt 1 or (OrderLine eq 1 and OrderRelNum gt 1))))))"))
        .contains(List.of(revisions(40, false, null, false), revisions(40, true, 40, true)));
    assertThat(plan("OrderRels", "40 lt SysRevID or 12 ge SysRevID or SysRevID le 3 or SysRevID in (7, 9)"))
        .contains(List.of(revisions(40, false, null, false), revisions(null, false, 12, true),
            revisions(null, false, 3, true), revisions(7, true, 7, true), revisions(9, true, 9, true)));
  }

  @Test
  void keyEqualitiesWinOverRevisionRanges() {
    assertThat(plan("OrderRels", "SysRevID gt 40 and OrderNum eq 5001"))
        .contains(List.of(lookup("OrderNum", new BigDecimal("5001"))));
    assertThat(plan("OrderRels", "SysRevID gt 40 and ShipViaCode eq 'UPSG'"))
        .contains(List.of(revisions(40, false, null, false)));
    assertThat(plan("OrderRels", "SysRevID gt null")).isEmpty();
    assertThat(plan("OrderRels", "SysRevID gt OrderNum")).isEmpty();
    assertThat(plan("OrderRels", "SysRevID ne 40")).isEmpty();
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
