package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Times the connector's typical reads (batches of 10 keys) against 10,000 releases and prints the figures; the
 * answers are checked against the dataset so the timing is of correct reads. Prints, never asserts, durations.
 */
class KeyedReadTimingTest {
  private static final int RELEASES = 10_000;
  private static final int READS = 500;
  private static final int KEYS_PER_READ = 10;
  private static final String ELIGIBLE =
      "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true";

  private static EpicorSandbox sandbox;
  private static TestHttp http;
  private static List<Map<String, Object>> releases;

  @BeforeAll
  static void start() {
    sandbox = EpicorSandbox.builder().dataset(SyntheticOrders.withoutLines(RELEASES)).childSetFilter(ChildSetFilter.CHILD).build().start();
    http = new TestHttp(sandbox);
    releases = sandbox.dataset().get("OrderRels");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void batchedReleaseKeyReads() {
    Random random = new Random(42);
    List<String> urls = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < READS; i++) {
      StringJoiner terms = new StringJoiner(" or ");
      List<String> eligible = new ArrayList<>();
      for (int k = 0; k < KEYS_PER_READ; k++) {
        Map<String, Object> rel = releases.get(random.nextInt(releases.size()));
        terms.add("(OrderNum eq " + rel.get("OrderNum") + " and OrderLine eq " + rel.get("OrderLine")
            + " and OrderRelNum eq " + rel.get("OrderRelNum") + ")");
        if (eligible(rel)) {
          eligible.add(key(rel.get("OrderNum"), rel.get("OrderLine"), rel.get("OrderRelNum")));
        }
      }
      urls.add(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,OrderLine,OrderRelNum,SysRevID&$filter="
          + q("(" + ELIGIBLE + ") and (" + terms + ")") + "&$top=" + KEYS_PER_READ));
      expected.add(eligible.stream().distinct().sorted().toList());
    }
    time("OrderRels (10 keys)", urls, expected);
  }

  @Test
  void batchedOrderReads() {
    Random random = new Random(7);
    List<String> urls = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    int orders = sandbox.dataset().get("SalesOrders").size();
    for (int i = 0; i < READS; i++) {
      StringJoiner terms = new StringJoiner(" or ");
      List<String> keys = new ArrayList<>();
      for (int k = 0; k < KEYS_PER_READ; k++) {
        int orderNum = SyntheticOrders.FIRST_ORDER_NUM + random.nextInt(orders);
        terms.add("OrderNum eq " + orderNum);
        keys.add(key(orderNum));
      }
      urls.add(http.api("Erp.BO.SalesOrderSvc/SalesOrders?$select=OrderNum,CustNum&$filter=" + q(terms.toString())
          + "&$top=" + KEYS_PER_READ));
      expected.add(keys.stream().distinct().sorted().toList());
    }
    time("SalesOrders (10 keys)", urls, expected);
  }

  /** The poller's steady state: "changed since" pages whose cursor is among the newest 100 revisions. */
  @Test
  void pollerPagesNearTheNewestChanges() {
    long newest = sandbox.dataset().currentRevision();
    List<String> urls = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < READS; i++) {
      long cursor = newest - 1 - (i % 100);
      Map<String, Object> at = releases.stream().filter(r -> ((Number) r.get("SysRevID")).longValue() == cursor)
          .findFirst().orElseThrow();
      String after = "SysRevID gt " + cursor + " or (SysRevID eq " + cursor + " and (OrderNum gt " + at.get("OrderNum")
          + " or (OrderNum eq " + at.get("OrderNum") + " and (OrderLine gt " + at.get("OrderLine")
          + " or (OrderLine eq " + at.get("OrderLine") + " and OrderRelNum gt " + at.get("OrderRelNum") + ")))))";
      urls.add(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,OrderLine,OrderRelNum,SysRevID&$filter="
          + q("(" + ELIGIBLE + ") and (" + after + ")") + "&$orderby="
          + q("SysRevID,OrderNum,OrderLine,OrderRelNum") + "&$top=100"));
      expected.add(releases.stream()
          .filter(r -> ((Number) r.get("SysRevID")).longValue() > cursor && eligible(r))
          .sorted(java.util.Comparator.comparingLong(r -> ((Number) r.get("SysRevID")).longValue()))
          .limit(100)
          .map(r -> key(r.get("OrderNum"), r.get("OrderLine"), r.get("OrderRelNum")))
          .toList());
    }
    time("poller-page (cursor among the newest 100 revisions)", urls, expected);
  }

  private static boolean eligible(Map<String, Object> rel) {
    return Boolean.TRUE.equals(rel.get("OpenRelease")) && Boolean.FALSE.equals(rel.get("VoidRelease"))
        && Boolean.TRUE.equals(rel.get("FirmRelease")) && Boolean.TRUE.equals(rel.get("ReadyToFulfill"));
  }

  private static void time(String what, List<String> urls, List<List<String>> expected) {
    for (int i = 0; i < 200; i++) {
      http.get(urls.get(i)); // warm-up: JIT and connections
    }
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    List<List<String>> answers = new ArrayList<>();
    for (String url : urls) {
      TestHttp.Reply reply = http.get(url);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      answers.add(keysOf(reply.json())); // in key order, like every set read
    }
    long elapsed = System.nanoTime() - start;
    long cpu = processCpuNanos() - cpuStart;
    System.out.printf("[keyed-read timing] %d %s reads over %d releases: %d ms (%.0f us/read),"
            + " process CPU %d ms (client and server)%n",
        urls.size(), what, RELEASES, elapsed / 1_000_000, elapsed / 1_000.0 / urls.size(), cpu / 1_000_000);
    assertThat(answers).isEqualTo(expected);
  }

  /** CPU time of this JVM (client and sandbox): steadier than wall-clock time on a shared machine. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<String> keysOf(JsonNode body) {
    List<String> keys = new ArrayList<>();
    for (JsonNode row : body.get("value")) {
      keys.add(row.has("OrderRelNum")
          ? key(row.get("OrderNum").asInt(), row.get("OrderLine").asInt(), row.get("OrderRelNum").asInt())
          : key(row.get("OrderNum").asInt()));
    }
    return keys;
  }

  private static String key(Object... parts) {
    StringJoiner j = new StringJoiner("/");
    for (Object p : parts) {
      j.add(String.format("%08d", ((Number) p).longValue()));
    }
    return j.toString();
  }
}
