package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * $filter on the child sets of a business object under each {@link ChildSetFilter} mode (README, "$filter on child
 * sets"): CHILD filters the child's own columns (OData), PARENT binds the filter to the service's primary table as one
 * public integration reports Epicor doing, REFUSE answers 400.
 */
class ChildSetFilterTest {

  private EpicorSandbox sandbox;
  private TestHttp http;

  private void start(ChildSetFilter mode, String... sets) {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.sample()).childSetFilter(mode, sets).build().start();
    http = new TestHttp(sandbox);
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private JsonNode ok(String path) {
    TestHttp.Reply reply = http.get(http.api(path));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void parentModeIsTheDefault() {
    assertThat(EpicorSandbox.builder().dataset(EpicorDataset.sample()).build().childSetFilter())
        .isEqualTo(ChildSetFilter.PARENT);
  }

  @Test
  void childModeFiltersTheChildsOwnColumns() {
    start(ChildSetFilter.CHILD);
    assertThat(sandbox.childSetFilter()).isEqualTo(ChildSetFilter.CHILD);
    JsonNode open = ok("Erp.BO.SalesOrderSvc/OrderRels?$top=100&$filter=" + q("OpenRelease eq false"));
    open.get("value").forEach(r -> assertThat(r.get("OpenRelease").asBoolean()).isFalse());
    assertThat(open.get("value")).isNotEmpty();
  }

  @Test
  void parentModeRejectsAFilterOnAColumnTheOrderHeaderLacksNamingItsRowType() {
    start(ChildSetFilter.PARENT);
    String message = assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter="
        + q("OpenRelease eq true and VoidRelease eq false"))), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("OpenRelease").contains("OrderHedRow");
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderDtls?$filter="
        + q("(OrderNum eq 5001 and OrderLine eq 1)"))), 400, EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderDtls('EPIC06',5002,1)/OrderRels?$filter="
        + q("OurReqQty gt 5"))), 400, EpicorApiException.BO_EXCEPTION);
  }

  @Test
  void parentModeEvaluatesAFilterTheHeaderCanReadOnTheHeaderAndReturnsAllItsChildren() {
    start(ChildSetFilter.PARENT);
    // OrderNum is on OrderHed too: every release of order 5002 comes back.
    assertThat(SampleSandbox.releaseKeys(ok("Erp.BO.SalesOrderSvc/OrderRels?$filter=" + q("OrderNum eq 5002"))))
        .containsExactly("5002/1/1", "5002/1/2", "5002/1/3");
    // ReadyToFulfill exists on both tables: the header's value decides, silently. Order 5006's header is ready but
    // its release is not; order 5024's header is not ready.
    List<String> ready = SampleSandbox.releaseKeys(ok("Erp.BO.SalesOrderSvc/OrderRels?$top=100&$select=OrderNum,"
        + "OrderLine,OrderRelNum,ReadyToFulfill&$filter=" + q("ReadyToFulfill eq true")));
    assertThat(ready).contains("5006/1/1").doesNotContain("5024/1/1");
    // The other options still apply to the child.
    JsonNode page = ok("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,OrderLine,OrderRelNum,OurReqQty"
        + "&$orderby=" + q("OurReqQty desc") + "&$top=2&$count=true&$filter=" + q("OrderNum eq 5002"));
    assertThat(SampleSandbox.releaseKeys(page)).containsExactly("5002/1/1", "5002/1/2");
    assertThat(page.get("@odata.count").asInt()).isEqualTo(3);
    // Navigation is read the same way, under its parent.
    assertThat(SampleSandbox.releaseKeys(ok("Erp.BO.SalesOrderSvc/OrderDtls('EPIC06',5001,2)/OrderRels?$filter="
        + q("OrderNum eq 5001")))).containsExactly("5001/2/1");
  }

  @Test
  void parentModeLeavesPrimarySetsKeyedReadsAndUnfilteredReadsAlone() {
    start(ChildSetFilter.PARENT);
    assertThat(ok("Erp.BO.SalesOrderSvc/SalesOrders?$filter=" + q("OpenOrder eq false")).get("value")).isNotEmpty();
    assertThat(ok("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)?$select=OpenRelease").get("OpenRelease")
        .asBoolean()).isTrue();
    assertThat(ok("Erp.BO.SalesOrderSvc/OrderRels?$top=1000").get("value")).hasSize(50);
    assertThat(ok("Erp.BO.PartSvc/Parts?$filter=" + q("PartNum eq 'BRKT-100'")).get("value")).hasSize(1);
    assertThat(ok("BaqSvc/ReadyToShip/Data?$filter=" + q("OrderRel_OrderNum eq 5001")).get("value")).hasSize(3);
  }

  @Test
  void parentModeAppliesToTheChildSetsOfEveryBusinessObject() {
    start(ChildSetFilter.PARENT);
    // ShipToNum is a Customer column (the default ship-to): the filter is evaluated on Customers, silently.
    JsonNode shipTos = ok("Erp.BO.CustomerSvc/ShipToes?$filter=" + q("CustNum eq 103 and ShipToNum eq 'SF'"));
    assertThat(shipTos.get("value")).as("customer 103's default ship-to is blank, so nothing matches").isEmpty();
    assertEpicorError(http.get(http.api("Erp.BO.CustShipSvc/ShipDtls?$filter=" + q("OrderNum eq 5003 and OrderLine eq 2"))),
        400, EpicorApiException.BO_EXCEPTION);
  }

  @Test
  void parentModeAnswersAFewHeadersThroughTheChildsKeyIndexAndManyByAScanAlike() {
    // 300 copies of the sample's orders: a filter on OrderNum selects a few headers, ReadyToFulfill most of them.
    sandbox = EpicorSandbox.builder().dataset(SyntheticOrders.dataset(600)).childSetFilter(ChildSetFilter.PARENT)
        .build().start();
    http = new TestHttp(sandbox);
    List<Map<String, Object>> rels = sandbox.dataset().get("OrderRels");
    int first = SyntheticOrders.FIRST_ORDER_NUM;

    long before = sandbox.dataset().queries().filterEvaluations();
    JsonNode few = ok("Erp.BO.SalesOrderSvc/OrderRels?$top=1000&$filter=" + q("OrderNum eq " + first + " or OrderNum eq "
        + (first + 7)));
    long evaluated = sandbox.dataset().queries().filterEvaluations() - before;
    List<String> expected = rels.stream().filter(r -> ((Number) r.get("OrderNum")).intValue() == first
        || ((Number) r.get("OrderNum")).intValue() == first + 7)
        .map(r -> r.get("OrderNum") + "/" + r.get("OrderLine") + "/" + r.get("OrderRelNum")).toList();
    assertThat(SampleSandbox.releaseKeys(few)).containsExactlyElementsOf(expected);
    assertThat(evaluated).as("the headers and children the keys find, not every row").isLessThan(100);

    JsonNode many = ok("Erp.BO.SalesOrderSvc/OrderRels?$top=5000&$select=OrderNum,OrderLine,OrderRelNum&$filter="
        + q("ReadyToFulfill eq true"));
    java.util.Set<Object> readyOrders = new java.util.HashSet<>();
    sandbox.dataset().get("SalesOrders").stream().filter(o -> Boolean.TRUE.equals(o.get("ReadyToFulfill")))
        .forEach(o -> readyOrders.add(((Number) o.get("OrderNum")).intValue()));
    assertThat(readyOrders).as("more headers than the by-key read takes").hasSizeGreaterThan(200);
    assertThat(SampleSandbox.releaseKeys(many)).containsExactlyElementsOf(rels.stream()
        .filter(r -> readyOrders.contains(((Number) r.get("OrderNum")).intValue()))
        .map(r -> r.get("OrderNum") + "/" + r.get("OrderLine") + "/" + r.get("OrderRelNum")).toList());
  }

  @Test
  void refuseModeAnswers400ToAnyFilterOnAChildSet() {
    start(ChildSetFilter.REFUSE);
    String message = assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter=" + q("OrderNum eq 5002"))),
        400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("$filter").contains("OrderRels");
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)/OrderDtls?$filter="
        + q("OrderLine eq 1"))), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(ok("Erp.BO.SalesOrderSvc/OrderRels?$top=3").get("value")).hasSize(3);
    assertThat(ok("Erp.BO.SalesOrderSvc/SalesOrders?$filter=" + q("OrderNum eq 5001")).get("value")).hasSize(1);
  }

  @Test
  void aModeCanBeLimitedToNamedSets() {
    start(ChildSetFilter.REFUSE, "OrderRels");
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter=" + q("OrderNum eq 5002"))), 400,
        EpicorApiException.BO_EXCEPTION);
    assertThat(ok("Erp.BO.SalesOrderSvc/OrderDtls?$filter=" + q("OrderNum eq 5001 and OrderLine eq 2")).get("value"))
        .hasSize(1);
    assertThatThrownBy(() -> EpicorSandbox.builder().dataset(EpicorDataset.sample())
        .childSetFilter(ChildSetFilter.PARENT, "SalesOrders").build())
        .hasMessageContaining("primary set");
    assertThatThrownBy(() -> EpicorSandbox.builder().dataset(EpicorDataset.sample())
        .childSetFilter(ChildSetFilter.PARENT, "Nope").build())
        .hasMessageContaining("no entity set Nope");
  }

  @Test
  void onlyTheNavigationEpicorDeclaresIsServed() {
    start(ChildSetFilter.CHILD);
    assertThat(ok("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)/OrderDtls").get("value")).hasSize(3);
    assertThat(ok("Erp.BO.SalesOrderSvc/OrderDtls('EPIC06',5002,1)/OrderRels").get("value")).hasSize(3);
    assertThat(ok("Erp.BO.CustomerSvc/Customers('EPIC06',103)/ShipToes").get("value")).hasSize(3);
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)/OrderRels")), 404,
        EpicorApiException.NOT_FOUND_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)/OrderDtls('EPIC06',5001,1)"
        + "/OrderRels")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void theModeParsesFromTextForTheSystemPropertyAndTheCommandLine() {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.fromJson("{}")).build();
    assertThat(ChildSetFilter.parse(" parent ")).isEqualTo(ChildSetFilter.PARENT);
    assertThatThrownBy(() -> ChildSetFilter.parse("strict")).hasMessageContaining("CHILD, PARENT or REFUSE");
  }
}
