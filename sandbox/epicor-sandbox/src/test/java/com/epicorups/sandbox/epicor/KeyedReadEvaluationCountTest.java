package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A keyed read of a large set evaluates its filter on the rows its keys find, not on every row. */
class KeyedReadEvaluationCountTest {
  private static EpicorSandbox sandbox;
  private static TestHttp http;
  private static List<Map<String, Object>> releases;

  @BeforeAll
  static void start() {
    sandbox = EpicorSandbox.builder().dataset(SyntheticOrders.releasesOnly(20_000)).childSetFilter(ChildSetFilter.CHILD).build().start();
    http = new TestHttp(sandbox);
    releases = sandbox.dataset().get("OrderRels");
  }

  @AfterAll
  static void stop() {
    sandbox.dataset().useKeyLookups(true);
    sandbox.close();
  }

  @Test
  void batchedReleaseKeyReadEvaluatesOnlyTheReleasesOfTheNamedOrders() {
    assertThat(releases).hasSizeGreaterThanOrEqualTo(20_000);
    Set<Integer> orderNums = Set.of(100_001, 100_002, 100_150, 100_299, 100_300, 100_301, 105_000, 107_777, 112_000,
        112_001);
    StringBuilder keys = new StringBuilder();
    for (int orderNum : orderNums) {
      keys.append(keys.length() == 0 ? "" : " or ")
          .append("(OrderNum eq ").append(orderNum).append(" and OrderLine eq 1 and OrderRelNum eq 1)");
    }
    String url = http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter=" + q("(OpenRelease eq true and VoidRelease eq false"
        + " and FirmRelease eq true and ReadyToFulfill eq true) and (" + keys + ")") + "&$top=10");
    long releasesOfThoseOrders = releases.stream().filter(r -> orderNums.contains(((Number) r.get("OrderNum")).intValue()))
        .count();
    assertThat(releasesOfThoseOrders).isBetween(10L, 100L);

    Reads reads = pushedAndScanned(url);
    TestHttp.Reply pushed = reads.sameAnswerBothWays();
    assertThat(pushed.json().get("value")).isNotEmpty();
    assertThat(reads.pushedEvaluations()).isEqualTo(releasesOfThoseOrders);
    assertThat(reads.scanEvaluations()).isEqualTo(releases.size());
  }
  @Test
  void aBaqReadOfNamedReleasesEvaluatesOnlyTheRowsTheirKeysFind() {
    // The creator's re-read asks the ReadyToShip BAQ for its batch's releases by key: that must cost what the keys
    // find, as Epicor's indexed query does, not a scan of the company's releases per call.
    List<Integer> orderNums = List.of(100_001, 100_150, 107_777);
    StringBuilder keys = new StringBuilder();
    for (int orderNum : orderNums) {
      keys.append(keys.length() == 0 ? "" : " or ").append("(OrderRel_OrderNum eq ").append(orderNum)
          .append(" and OrderRel_OrderLine eq 1 and OrderRel_OrderRelNum eq 1)");
    }
    String url = http.api("BaqSvc/ReadyToShip/Data?$select=OrderRel_OrderNum,OrderRel_OrderLine,OrderRel_OrderRelNum"
        + "&$filter=" + q(keys.toString()));

    Reads reads = pushedAndScanned(url);
    TestHttp.Reply pushed = reads.sameAnswerBothWays();
    assertThat(pushed.json().get("value")).hasSize(orderNums.size());
    // The BAQ's criteria on the releases of those orders, then the caller's filter on the BAQ rows they pass.
    long releasesOfThoseOrders = releases.stream()
        .filter(r -> orderNums.contains(((Number) r.get("OrderNum")).intValue())).count();
    assertThat(reads.pushedEvaluations()).isLessThanOrEqualTo(2 * releasesOfThoseOrders);
    assertThat(reads.scanEvaluations()).isGreaterThanOrEqualTo(releases.size());
  }

  /** One read with the key lookups, the same read by a scan, and the rows their filters were evaluated on. */
  private record Reads(TestHttp.Reply pushed, long pushedEvaluations, TestHttp.Reply scanned, long scanEvaluations) {
    /** The read with lookups answered 200, with exactly what the scan answered; that answer. */
    TestHttp.Reply sameAnswerBothWays() {
      assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
      assertThat(pushed.body()).isEqualTo(scanned.body());
      return pushed;
    }
  }

  private static Reads pushedAndScanned(String url) {
    QueryEngine engine = sandbox.dataset().queries();
    long before = engine.filterEvaluations();
    TestHttp.Reply pushed = http.get(url);
    long pushedEvaluations = engine.filterEvaluations() - before;
    sandbox.dataset().useKeyLookups(false);
    try {
      before = engine.filterEvaluations();
      TestHttp.Reply scanned = http.get(url);
      return new Reads(pushed, pushedEvaluations, scanned, engine.filterEvaluations() - before);
    } finally {
      sandbox.dataset().useKeyLookups(true);
    }
  }
}
