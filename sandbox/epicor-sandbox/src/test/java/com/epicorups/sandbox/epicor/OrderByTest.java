package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** $orderby evaluates each row's sort values once, with the order and errors of evaluating per comparison. */
class OrderByTest {
  @RegisterExtension
  static final SampleSandbox SAMPLE = new SampleSandbox();
  private final EpicorSandbox sandbox = SAMPLE.sandbox();
  private final TestHttp http = SAMPLE.http();

  private static String key(Map<String, Object> r) {
    return r.get("OrderNum") + "/" + r.get("OrderLine") + "/" + r.get("OrderRelNum");
  }

  @Test
  void severalItemsOrderLikeAStableSortOnTheirValues() {
    TestHttp.Reply reply = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$top=1000&$orderby="
        + q("ShipViaCode desc,OurReqQty,WarehouseCode")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Comparator<Map<String, Object>> reference = Comparator
        .comparing((Map<String, Object> r) -> (String) r.get("ShipViaCode"), String.CASE_INSENSITIVE_ORDER).reversed()
        .thenComparing(r -> (BigDecimal) r.get("OurReqQty"))
        .thenComparing(r -> (String) r.get("WarehouseCode"), String.CASE_INSENSITIVE_ORDER);
    List<String> expected = sandbox.dataset().get("OrderRels").stream().sorted(reference).map(OrderByTest::key).toList();
    assertThat(SampleSandbox.releaseKeys(reply.json())).hasSize(50).isEqualTo(expected);
  }

  @Test
  void anItemIsOnlyEvaluatedWhenTheItemsBeforeItTie() {
    // SysRevIDs are unique: the second item is never needed, so its unsupported function is never evaluated.
    TestHttp.Reply unique = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$top=1000&$orderby="
        + q("SysRevID,substring(PartNum, 1)")));
    assertThat(unique.status()).as(unique.body()).isEqualTo(200);
    assertThat(SampleSandbox.releaseKeys(unique.json())).hasSize(50);
    // Releases of one order tie on OrderNum, so the second item is evaluated and fails.
    assertThat(assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$orderby="
        + q("OrderNum,substring(PartNum, 1)"))), 400, EpicorApiException.BO_EXCEPTION))
        .isEqualTo("Invalid OData query: Unsupported in this query: function substring");
    // A single row is never compared.
    assertThat(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter=" + q("OrderNum eq 5001 and OrderLine eq 1"
        + " and OrderRelNum eq 1") + "&$orderby=" + q("substring(PartNum, 1)"))).status()).isEqualTo(200);
  }
}
