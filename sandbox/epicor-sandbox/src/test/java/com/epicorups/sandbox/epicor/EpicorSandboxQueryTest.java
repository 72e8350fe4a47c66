package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EpicorSandboxQueryTest {

  @RegisterExtension
  static final SampleSandbox SAMPLE = new SampleSandbox();
  private final EpicorSandbox sandbox = SAMPLE.sandbox();
  private final TestHttp http = SAMPLE.http();

  private JsonNode ok(String url) {
    TestHttp.Reply reply = http.get(url);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void setEnvelopeHasContextAndNoNextLink() {
    JsonNode body = ok(http.api("Erp.BO.SalesOrderSvc/OrderRels?$top=2"));
    assertThat(body.get("@odata.context").asText())
        .isEqualTo(sandbox.rootUrl() + "/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/$metadata#OrderRels");
    assertThat(body.has("@odata.nextLink")).isFalse();
    JsonNode row = body.get("value").get(0);
    assertThat(row.get("OrderNum").isIntegralNumber()).isTrue();
    assertThat(row.get("OpenRelease").isBoolean()).isTrue();
    assertThat(row.get("OurReqQty").isNumber()).isTrue();
    assertThat(row.get("ReqDate").isTextual()).isTrue();
    assertThat(row.get("RowMod").asText()).isEmpty();
    assertThat(row.get("BitFlag").asInt()).isZero();
  }

  @Test
  void pagesWithTopSkipAndOrderByCoverEveryReleaseOnce() {
    List<String> all = SampleSandbox.releaseKeys(ok(http.api("Erp.BO.SalesOrderSvc/OrderRels?$top=1000")));
    assertThat(all).hasSize(50);
    List<String> paged = new ArrayList<>();
    for (int skip = 0; ; skip += 7) {
      JsonNode page = ok(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,OrderLine,OrderRelNum,SysRevID"
          + "&$orderby=" + q("SysRevID desc") + "&$top=7&$skip=" + skip));
      paged.addAll(SampleSandbox.releaseKeys(page));
      if (page.get("value").size() < 7) {
        break;
      }
    }
    assertThat(paged).hasSize(50).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(paged.get(0)).isEqualTo("5030/2/1"); // highest SysRevID = last release loaded
  }

  @Test
  void selectReturnsOnlyTheNamedColumns() {
    JsonNode row = ok(http.api("Erp.BO.PartSvc/Parts?$select=PartNum,NetWeight,NetWeightUOM&$top=1")).get("value").get(0);
    List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("PartNum", "NetWeight", "NetWeightUOM");
  }

  @Test
  void filterSupportsEpicorStyleExpressions() {
    JsonNode open = ok(http.api("Erp.BO.SalesOrderSvc/OrderRels?$top=100&$filter="
        + q("OpenRelease eq true and VoidRelease eq false and (WarehouseCode eq 'ATL' or WarehouseCode eq 'RNO')")));
    open.get("value").forEach(r -> {
      assertThat(r.get("OpenRelease").asBoolean()).isTrue();
      assertThat(r.get("WarehouseCode").asText()).isIn("ATL", "RNO");
    });
    assertThat(open.get("value").size()).isGreaterThan(5);

    assertThat(ok(http.api("Erp.BO.SalesOrderSvc/SalesOrders?$filter=" + q("OrderNum in (5001,5002,9999)")))
        .get("value")).hasSize(2);
    assertThat(ok(http.api("Erp.BO.CustomerSvc/Customers?$filter=" + q("contains(Name,'medical')")))
        .get("value")).hasSize(2);
    assertThat(ok(http.api("Erp.BO.CustomerSvc/ShipToes?$filter=" + q("startswith(ZIP,'992') and not (ShipToNum eq '')")))
        .get("value")).hasSize(1);
    assertThat(ok(http.api("Erp.BO.SalesOrderSvc/SalesOrders?$filter=" + q("OrderDate ge 2026-11-25T00:00:00Z")))
        .get("value")).hasSize(4);
    assertThat(ok(http.api("Erp.BO.SalesOrderSvc/SalesOrders?$filter=" + q("date(OrderDate) ge 2026-11-25")))
        .get("value")).hasSize(4);
    assertThat(ok(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter=" + q("SysRevID gt 0 and OurReqQty eq 0")))
        .get("value")).hasSize(1);
    assertThat(ok(http.api("Erp.BO.SalesOrderSvc/SalesOrders?$filter=" + q("PONum eq 'po-101-5001'")))
        .get("value")).hasSize(1);
  }

  @Test
  void countIsReturnedWhenAsked() {
    JsonNode body = ok(http.api("Erp.BO.SalesOrderSvc/OrderRels?$count=true&$top=3&$filter=" + q("UseOTS eq true")));
    assertThat(body.get("@odata.count").asLong()).isEqualTo(2);
    assertThat(body.get("value")).hasSize(2);
  }

  @Test
  void unknownFieldsAreRejectedWithAnEpicorError() {
    for (String query : List.of("$filter=" + q("TrackingNumber eq 'x'"), "$select=OrderNum,Weight",
        "$orderby=Nope", "$filter=" + q("orderNum eq 5001"), "$top=abc", "$inlinecount=allpages")) {
      TestHttp.Reply reply = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?" + query));
      assertEpicorError(reply, 400, EpicorApiException.BO_EXCEPTION);
    }
    String message = assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter="
        + q("TrackingNumber eq 'x'"))), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("TrackingNumber");
  }

  @Test
  void unsupportedConstructsAreRejectedWithAnEpicorError() {
    for (String query : List.of("$expand=OrderRelTaxes", "$search=pump", "$filter=" + q("OrderNum eq @p"),
        "$filter=" + q("OpenRelease eq 'yes'"), "$filter=" + q("geo.distance(OrderNum, 1) lt 1"))) {
      TestHttp.Reply reply = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?" + query));
      assertEpicorError(reply, 400, EpicorApiException.BO_EXCEPTION);
    }
  }

  @Test
  void withoutTopReadsAreCappedAtTheDefault() {
    StringBuilder json = new StringBuilder("{\"Company\":\"EPIC06\",\"Parts\":[");
    for (int i = 0; i < 130; i++) {
      json.append(i == 0 ? "" : ",").append("{\"PartNum\":\"P").append(1000 + i).append("\"}");
    }
    json.append("]}");
    try (EpicorSandbox big = EpicorSandbox.builder().dataset(EpicorDataset.fromJson(json.toString())).childSetFilter(ChildSetFilter.CHILD).build().start()) {
      TestHttp client = new TestHttp(big);
      assertThat(ok2(client, client.api("Erp.BO.PartSvc/Parts")).get("value")).hasSize(100);
      assertThat(ok2(client, client.api("Erp.BO.PartSvc/Parts?$skip=100")).get("value")).hasSize(30);
      assertThat(ok2(client, client.api("Erp.BO.PartSvc/Parts?$top=500")).get("value")).hasSize(130);
    }
    try (EpicorSandbox small = EpicorSandbox.builder().dataset(EpicorDataset.sample()).defaultTopCap(10).childSetFilter(ChildSetFilter.CHILD).build().start()) {
      TestHttp client = new TestHttp(small);
      assertThat(ok2(client, client.api("Erp.BO.SalesOrderSvc/OrderRels")).get("value")).hasSize(10);
    }
  }

  private static JsonNode ok2(TestHttp client, String url) {
    TestHttp.Reply reply = client.get(url);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void entitiesAreAddressedByPositionalOrNamedKeys() {
    JsonNode positional = ok(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5002,1,3)"));
    assertThat(positional.get("ShipToNum").asText()).isEqualTo("HOME");
    assertThat(positional.get("@odata.context").asText()).endsWith("$metadata#OrderRels/$entity");
    JsonNode named = ok(http.api("Erp.BO.SalesOrderSvc/OrderRels(Company='EPIC06',OrderNum=5002,OrderLine=1,OrderRelNum=3)"));
    assertThat(named.get("SysRowID").asText()).isEqualTo(positional.get("SysRowID").asText());
    JsonNode part = ok(http.api("Erp.BO.PartSvc/Parts(Company='EPIC06',PartNum='MOTOR-5HP')?$select=NetWeight,NetWeightUOM"));
    assertThat(part.get("NetWeightUOM").asText()).isEqualTo("KG");
    assertThat(part.has("PartDescription")).isFalse();

    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5002,1,9)")), 404,
        EpicorApiException.NOT_FOUND_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5002,1)")), 400,
        EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/SalesOrders(EPIC06,5002)")), 400,
        EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06','abc')")), 400,
        EpicorApiException.BO_EXCEPTION);
  }

  @Test
  void unknownServiceOrSetIs404() {
    assertEpicorError(http.get(http.api("Erp.BO.NopeSvc/Things")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.PartSvc/OrderRels")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void navigationFromParentKey() {
    JsonNode lines = ok(http.api("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)/OrderDtls"));
    assertThat(lines.get("value")).hasSize(3);
    JsonNode rels = ok(http.api("Erp.BO.SalesOrderSvc/OrderDtls('EPIC06',5002,1)/OrderRels?$filter=" + q("OurReqQty gt 5")));
    assertThat(rels.get("value")).hasSize(2);
    JsonNode shipTos = ok(http.api("Erp.BO.CustomerSvc/Customers('EPIC06',103)/ShipToes"));
    assertThat(shipTos.get("value")).hasSize(3);
    JsonNode cartons = ok(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06',1002)/CartonTrkDtls"));
    assertThat(cartons.get("value")).singleElement()
        .satisfies(c -> assertThat(c.get("TrackingNumber").asText()).isEqualTo("1Z999AA10123456791"));
    assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)/OrderDtls")), 404,
        EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void baqDataReturnsEligibleReleasesWithBaqColumnNames() {
    JsonNode body = ok(http.api("BaqSvc/ReadyToShip/Data?$top=1000"));
    assertThat(body.get("@odata.context").asText()).endsWith("/BaqSvc/ReadyToShip/$metadata#Results");
    JsonNode first = body.get("value").get(0);
    assertThat(first.has("OrderRel_OrderNum")).isTrue();
    assertThat(first.has("OrderRel_WarehouseCode")).isTrue();
    List<String> keys = new ArrayList<>();
    body.get("value").forEach(r -> keys.add(r.get("OrderRel_OrderNum").asInt() + "/" + r.get("OrderRel_OrderLine").asInt()
        + "/" + r.get("OrderRel_OrderRelNum").asInt()));
    // The ReadyToShip criteria decide readiness only: the drop-ship and zero-quantity releases are the connector's
    // to skip (README, "Sample data").
    assertThat(keys).hasSize(43).contains("5001/1/1", "5002/1/3", "5007/1/1", "5008/1/1")
        .doesNotContain("5003/2/1", "5004/1/1", "5005/1/1", "5006/1/1", "5023/1/1", "5024/1/1", "5026/1/1");

    JsonNode filtered = ok(http.api("BaqSvc/ReadyToShip/Data?$filter=" + q("OrderRel_WarehouseCode eq 'RNO'")
        + "&$orderby=OrderRel_OrderNum"));
    filtered.get("value").forEach(r -> assertThat(r.get("OrderRel_WarehouseCode").asText()).isEqualTo("RNO"));
    assertEpicorError(http.get(http.api("BaqSvc/ReadyToShip/Data?$filter=" + q("OrderNum eq 1"))), 400,
        EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.get(http.api("BaqSvc/Nope/Data")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void metadataIsServedAsCsdlXml() {
    TestHttp.Reply reply = http.get(http.api("Erp.BO.SalesOrderSvc/$metadata"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("OrderRelRow").contains("Name=\"TrackingNumber_c\"");
  }
}
