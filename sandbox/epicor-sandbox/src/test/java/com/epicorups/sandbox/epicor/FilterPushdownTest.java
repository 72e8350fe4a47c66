package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Filter pushdown answers byte for byte what a full scan answers: every request here is sent once with pushdown
 * switched off (the scan every read did before) and once with it on, and the two replies must be identical.
 */
class FilterPushdownTest {
  private static final String RELS = "Erp.BO.SalesOrderSvc/OrderRels";
  private static final String ELIGIBLE =
      "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true";

  private static EpicorSandbox sandbox;
  private static EpicorDataset dataset;
  private static TestHttp http;
  private static int firstOrder;
  private static int lastOrder;
  private static long midRevision;

  @BeforeAll
  static void start() {
    dataset = SyntheticOrders.dataset(1_000);
    sandbox = EpicorSandbox.builder().dataset(dataset).childSetFilter(ChildSetFilter.CHILD).build().start();
    http = new TestHttp(sandbox);
    firstOrder = SyntheticOrders.FIRST_ORDER_NUM;
    lastOrder = firstOrder + dataset.get("SalesOrders").size() - 1;
    // Variety the copies lack: edited releases (new SysRevIDs, other flags), keys that differ only in case, a
    // second company, a company spelled in lower case.
    for (int orderNum = firstOrder; orderNum <= lastOrder; orderNum += 7) {
      dataset.update("OrderRels", Map.of("Company", "EPIC06", "OrderNum", orderNum, "OrderLine", 1, "OrderRelNum", 1),
          Map.of("ReadyToFulfill", orderNum % 2 == 0, "ShipViaCode", orderNum % 3 == 0 ? "upsg" : "UPS2"));
    }
    dataset.insert("Parts", Map.of("Company", "EPIC06", "PartNum", "brkt-100", "PartDescription", "lower-case twin"));
    dataset.insert("Parts", Map.of("Company", "EPIC07", "PartNum", "BRKT-100", "PartDescription", "other company"));
    dataset.insert("Parts", Map.of("Company", "epic06", "PartNum", "MOTOR-5HP-X", "PartDescription", "lower-case company"));
    dataset.insert("Customers", Map.of("Company", "EPIC07", "CustNum", 101, "Name", "other company"));
    midRevision = dataset.currentRevision() / 2;
  }

  @AfterAll
  static void stop() {
    dataset.useKeyLookups(true);
    sandbox.close();
  }

  /** Sends the request scanning and with pushdown; asserts identical replies; returns the rows pushdown evaluated. */
  private static long assertSameAnswer(String pathAndQuery) {
    String url = http.api(pathAndQuery);
    dataset.useKeyLookups(false);
    TestHttp.Reply scan = http.get(url);
    dataset.useKeyLookups(true);
    long before = dataset.queries().filterEvaluations();
    TestHttp.Reply pushed = http.get(url);
    long evaluated = dataset.queries().filterEvaluations() - before;
    assertThat(pushed.status()).as(pathAndQuery + "\n" + scan.body()).isEqualTo(scan.status());
    assertThat(withoutCorrelationId(pushed)).as(pathAndQuery).isEqualTo(withoutCorrelationId(scan));
    return evaluated;
  }

  private static String withoutCorrelationId(TestHttp.Reply reply) {
    if (reply.status() == 200) {
      return reply.body();
    }
    ObjectNode error = (ObjectNode) reply.json();
    error.remove("CorrelationId");
    return error.toString();
  }

  private static String filter(String set, String filter) {
    return set + "?$filter=" + q(filter);
  }

  private static String keyTriple(int orderNum, int line, int rel) {
    return "(OrderNum eq " + orderNum + " and OrderLine eq " + line + " and OrderRelNum eq " + rel + ")";
  }

  @Test
  void batchedReleaseKeysWithTheEligibilityFilterAreNarrowed() {
    String keys = String.join(" or ", keyTriple(firstOrder, 1, 1), keyTriple(firstOrder + 1, 1, 3),
        keyTriple(firstOrder + 7, 1, 1), keyTriple(firstOrder + 14, 1, 1), keyTriple(lastOrder, 2, 1),
        keyTriple(99, 1, 1));
    long evaluated = assertSameAnswer(filter(RELS, "(" + ELIGIBLE + ") and (" + keys + ")") + "&$top=10");
    assertThat(evaluated).isPositive().isLessThan(20);
    assertThat(assertSameAnswer(filter(RELS, "(" + ELIGIBLE + " and ShipViaCode eq 'UPSG') and (" + keys + ")")
        + "&$select=OrderNum,OrderLine,OrderRelNum,SysRevID,ShipViaCode&$top=10")).isLessThan(20);
  }

  @Test
  void everyConnectorKeyReadShapeIsNarrowed() {
    List<String> reads = List.of(
        filter("Erp.BO.SalesOrderSvc/SalesOrders", "OrderNum eq " + firstOrder + " or OrderNum eq " + (firstOrder + 3)
            + " or OrderNum eq " + lastOrder + " or OrderNum eq 5"),
        filter("Erp.BO.SalesOrderSvc/OrderDtls", "(OrderNum eq " + firstOrder + " and OrderLine eq 1) or (OrderNum eq "
            + (firstOrder + 1) + " and OrderLine eq 2)"),
        filter("Erp.BO.PartSvc/Parts", "PartNum eq 'BRKT-100' or PartNum eq 'pump-220' or PartNum eq 'motor-5hp-x'"),
        filter("Erp.BO.CustomerSvc/ShipToes", "(CustNum eq 103 and ShipToNum eq 'la') or (CustNum eq 101 and ShipToNum eq '')"),
        filter("Erp.BO.CustomerSvc/Customers", "CustNum eq 101 or CustNum eq 109 or CustNum eq 4242"),
        filter("Erp.BO.CustShipSvc/CartonTrkDtls", "PackNum eq 1002 or PackNum eq 1003"),
        filter(RELS, "OrderNum in (" + firstOrder + ", " + (firstOrder + 2) + ", 12)"),
        filter(RELS, firstOrder + " eq OrderNum"),
        filter(RELS, "OrderNum eq " + firstOrder + ".0 or OrderNum eq " + (firstOrder + 1) + ".00"));
    for (String read : reads) {
      String entitySet = read.substring(read.indexOf('/') + 1, read.indexOf('?'));
      assertThat(assertSameAnswer(read)).as(read).isPositive().isLessThan(rowsOfCompany(entitySet));
    }
  }

  /** The rows a scan of the set evaluates the filter on: those of the company (EPIC06 in any case). */
  private static long rowsOfCompany(String entitySet) {
    return dataset.get(entitySet).stream().filter(r -> "EPIC06".equalsIgnoreCase((String) r.get("Company"))).count();
  }

  @Test
  void filtersWithoutUsableKeyEqualitiesScanEveryRow() {
    List<String> scans = List.of(
        filter(RELS, ELIGIBLE),
        filter(RELS, "OrderNum eq " + firstOrder + " or ShipViaCode eq 'UPSG'"),
        filter(RELS, "not (OrderNum eq " + firstOrder + ")"),
        filter(RELS, "OrderNum ne " + firstOrder + " and OrderNum le " + (firstOrder + 3)),
        filter(RELS, "OrderNum add 0 eq " + firstOrder),
        filter(RELS, "(OrderNum eq " + firstOrder + ") eq true"),
        filter(RELS, "OrderNum eq OrderLine"));
    for (String read : scans) {
      assertThat(assertSameAnswer(read)).as(read).isEqualTo(rowsOfCompany("OrderRels"));
    }
  }

  @Test
  void keysetPagingFiltersOfThePollerGiveTheSamePages() {
    String order = "&$orderby=" + q("SysRevID,OrderNum,OrderLine,OrderRelNum") + "&$top=25";
    String after = "SysRevID gt " + midRevision + " or (SysRevID eq " + midRevision + " and (OrderNum gt " + firstOrder
        + " or (OrderNum eq " + firstOrder + " and (OrderLine gt 1 or (OrderLine eq 1 and (OrderRelNum gt 1))))))";
    assertSameAnswer(filter(RELS, "(" + ELIGIBLE + ") and (" + after + ")") + order);
    assertSameAnswer(filter(RELS, "(" + ELIGIBLE + ") and (SysRevID lt " + midRevision + ")") + order + "&$count=true");
    String byDate = "ChangeDate gt 2026-11-10T00:00:00Z or (ChangeDate eq 2026-11-10T00:00:00Z and (ChangeTime gt 3600"
        + " or (ChangeTime eq 3600 and (OrderNum gt " + firstOrder + "))))";
    assertSameAnswer(filter(RELS, "(" + ELIGIBLE + ") and (" + byDate + ")")
        + "&$orderby=" + q("ChangeDate,ChangeTime,OrderNum,OrderLine,OrderRelNum") + "&$top=25");
    // Near the newest changes (the poller's steady state) a page evaluates only the rows changed since its cursor;
    // from the middle of the revisions on, the rows are scanned (sorting half the set would cost more).
    long recent = dataset.currentRevision() - 30;
    String afterRecent = "SysRevID gt " + recent + " or (SysRevID eq " + recent + " and (OrderNum gt " + firstOrder + "))";
    assertThat(assertSameAnswer(filter(RELS, "(" + ELIGIBLE + ") and (" + afterRecent + ")") + order))
        .isPositive().isLessThanOrEqualTo(31);
    assertThat(assertSameAnswer(filter(RELS, "(" + ELIGIBLE + ") and (" + after + ")") + order)).isEqualTo(rowsOfCompany("OrderRels"));
    // A keyed read combined with paging comparisons is narrowed and still pages the same.
    assertThat(assertSameAnswer(filter(RELS, "(OrderNum eq " + firstOrder + " or OrderNum eq " + (firstOrder + 1)
        + ") and SysRevID gt 0") + "&$orderby=" + q("SysRevID desc") + "&$skip=1&$top=2&$count=true")).isLessThan(10);
  }

  @Test
  void literalsOfOtherTypesNullsAndMissesAnswerLikeTheScan() {
    List<String> reads = List.of(
        filter(RELS, "OrderNum eq 'abc'"),
        filter(RELS, "OrderNum eq null"),
        filter(RELS, "OrderNum eq 1.5"),
        filter(RELS, "OrderNum eq 1e300"),
        filter(RELS, "OrderNum eq -" + firstOrder),
        filter(RELS, "OrderNum eq " + firstOrder + " and OrderNum eq " + (firstOrder + 1)),
        filter(RELS, "OrderNum eq 1"),
        filter("Erp.BO.PartSvc/Parts", "PartNum eq 5"),
        filter("Erp.BO.PartSvc/Parts", "PartNum eq null"),
        filter("Erp.BO.PartSvc/Parts", "PartNum eq 'no such part'"),
        filter("Erp.BO.CustomerSvc/Customers", "CustNum eq 101.0"),
        filter("Erp.BO.CustomerSvc/ShipToes", "CustNum in (101, 'x')"));
    for (String read : reads) {
      assertSameAnswer(read);
    }
  }

  @Test
  void filtersThatFailOnEvaluationStillFailWhenTheKeysFindNothing() {
    List<String> reads = List.of(
        filter(RELS, "OrderNum eq 1 and substring(PartNum, 1) eq 'x'"),
        filter(RELS, "OrderNum eq 1 and round(OurReqQty) eq 1"),
        filter(RELS, "OrderNum eq 1 and ReqDate gt 2026-11-01"),
        filter(RELS, "OrderNum eq 1 and now() gt ReqDate"),
        filter(RELS, "OrderNum eq 1 and OrderNum eq @p"),
        filter(RELS, "OrderNum eq 1 and concat(OrderNum, 'x') eq '1x'"),
        filter(RELS, "OrderNum eq 1 and toupper(OrderNum) eq '1'"),
        filter(RELS, "OrderNum eq 1 and ShipViaCode gt 5"),
        filter(RELS, "OrderNum eq 1 and OpenRelease gt 'x'"));
    for (String read : reads) {
      assertSameAnswer(read);
    }
  }

  @Test
  void writesKeepTheKeyIndexesCurrent() {
    int orderNum = lastOrder + 1;
    assertThat(http.post(http.api("Erp.BO.SalesOrderSvc/OrderRels"), "{\"Company\":\"EPIC06\",\"OrderNum\":" + orderNum
        + ",\"OrderLine\":1,\"OrderRelNum\":2,\"ShipViaCode\":\"UPSG\"}").status()).isEqualTo(201);
    assertThat(http.post(http.api("Erp.BO.SalesOrderSvc/OrderRels"), "{\"Company\":\"EPIC06\",\"OrderNum\":" + orderNum
        + ",\"OrderLine\":1,\"OrderRelNum\":1,\"ShipViaCode\":\"UPSG\"}").status()).isEqualTo(201);
    String read = filter(RELS, "OrderNum eq " + orderNum + " and ShipViaCode eq 'upsg'") + "&$select=OrderRelNum,ShipViaCode";
    assertSameAnswer(read);
    assertThat(http.get(http.api(read)).json().get("value")).hasSize(2);
    long beforePatch = dataset.currentRevision();
    assertThat(http.patch(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06'," + orderNum + ",1,1)"),
        "{\"ShipViaCode\":\"FEDX\"}").status()).isEqualTo(204);
    assertSameAnswer(read);
    assertThat(http.get(http.api(read)).json().get("value")).hasSize(1);
    String changedSince = filter(RELS, "SysRevID gt " + beforePatch) + "&$select=OrderNum,OrderRelNum,ShipViaCode";
    assertThat(assertSameAnswer(changedSince)).isEqualTo(1);
    assertThat(http.get(http.api(changedSince)).json().get("value").get(0).get("ShipViaCode").asText()).isEqualTo("FEDX");
    assertThat(http.delete(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06'," + orderNum + ",1,2)")).status())
        .isEqualTo(204);
    assertSameAnswer(read);
    assertThat(http.get(http.api(read)).json().get("value")).isEmpty();
  }

  @Test
  void randomFiltersAnswerLikeTheScan() {
    Random random = new Random(20_260_518);
    int narrowed = 0;
    int reads = 200;
    for (int i = 0; i < reads; i++) {
      String read = filter(RELS, randomFilter(random, 3)) + randomOptions(random);
      if (assertSameAnswer(read) < rowsOfCompany("OrderRels")) {
        narrowed++;
      }
    }
    System.out.printf("[filter pushdown] %d of %d random filters narrowed%n", narrowed, reads);
    assertThat(narrowed).as("random filters that pushdown narrowed").isBetween(reads / 5, reads - reads / 10);
  }

  private static String randomFilter(Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return randomTerm(random);
    }
    String op = random.nextInt(3) == 0 ? " or " : " and ";
    return "(" + randomFilter(random, depth - 1) + op + randomFilter(random, depth - 1) + ")";
  }

  private static String randomTerm(Random random) {
    int orderNum = random.nextInt(10) == 0 ? 42 : firstOrder + random.nextInt(lastOrder - firstOrder + 1);
    return switch (random.nextInt(18)) {
      case 0, 1, 2 -> "OrderNum eq " + orderNum;
      case 3, 4 -> keyTriple(orderNum, 1 + random.nextInt(3), 1 + random.nextInt(3));
      case 5 -> "OrderNum in (" + orderNum + ", " + (orderNum + 1) + ")";
      case 6 -> "OrderLine eq " + (1 + random.nextInt(4));
      case 7 -> ELIGIBLE;
      case 8 -> "ShipViaCode eq '" + List.of("upsg", "UPSG", "UPS2", "FEDX").get(random.nextInt(4)) + "'";
      case 9 -> "SysRevID " + List.of("gt", "ge", "lt", "le", "eq").get(random.nextInt(5)) + " "
          + (random.nextBoolean() ? random.nextInt(1200) : dataset.currentRevision() - random.nextInt(120));
      case 10 -> "contains(PartNum, 'brkt')";
      case 11 -> "OurReqQty gt " + random.nextInt(50);
      case 12 -> "ReqDate ge 2026-11-" + (10 + random.nextInt(20)) + "T00:00:00Z";
      case 13 -> "WarehouseCode in ('ATL', 'rno')";
      case 14 -> "not (OrderNum eq " + orderNum + ")";
      case 15 -> "tolower(ShipViaCode) eq 'upsg'";
      case 16 -> "ReadyToFulfill eq " + random.nextBoolean();
      default -> random.nextInt(4) == 0 ? "substring(PartNum, 1) eq 'RKT-100'" : "OpenRelease eq true";
    };
  }

  private static String randomOptions(Random random) {
    List<String> options = new ArrayList<>();
    switch (random.nextInt(4)) {
      case 0 -> options.add("$orderby=" + q("SysRevID desc"));
      case 1 -> options.add("$orderby=" + q("ShipViaCode,OrderNum desc"));
      default -> { }
    }
    if (random.nextBoolean()) {
      options.add("$top=" + List.of(1, 5, 50, 2000).get(random.nextInt(4)));
    }
    if (random.nextInt(4) == 0) {
      options.add("$skip=" + random.nextInt(5));
    }
    if (random.nextInt(3) == 0) {
      options.add("$count=true");
    }
    if (random.nextBoolean()) {
      options.add("$select=OrderNum,OrderLine,OrderRelNum,ShipViaCode,SysRevID");
    }
    return options.isEmpty() ? "" : "&" + String.join("&", options);
  }
}
