package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pack's miscellaneous charges (CustShips ShipMiscs) under Epicor's rules, and the sample's misc charge codes. */
class ShipMiscRulesTest {

  private static final String MISCS = "Erp.BO.CustShipSvc/ShipMiscs";
  private EpicorSandbox sandbox;
  private TestHttp http;

  @BeforeEach
  void start() {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.sample()).build().start();
    http = new TestHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aFreightChargeIsAddedToAPackAndReadByItsParentKey() {
    TestHttp.Reply created = http.post(http.api(MISCS),
        "{\"PackNum\":1004,\"PackLine\":0,\"SeqNum\":1,\"MiscCode\":\"FRT\",\"MiscAmt\":14.03}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("Description").asText()).isEqualTo("Freight");
    String rowId = created.json().get("SysRowID").asText();
    assertThat(rowId).isNotBlank().isNotEqualTo("00000000-0000-0000-0000-000000000000");
    JsonNode rows = http.get(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06',1004)/ShipMiscs")).json().get("value");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("MiscCode").asText()).isEqualTo("FRT");
    assertThat(rows.get(0).get("MiscAmt").decimalValue()).isEqualByComparingTo(new BigDecimal("14.03"));
    assertThat(rows.get(0).get("DocMiscAmt").decimalValue()).isEqualByComparingTo(new BigDecimal("14.03"));
    JsonNode filtered = http.get(http.api(MISCS + "?$filter=" + TestHttp.q("PackNum eq 1004 or PackNum eq 1005")))
        .json().get("value");
    assertThat(filtered).hasSize(1);

    String row = MISCS + "('EPIC06',1004,0,1,'" + rowId + "')";
    assertThat(http.patch(http.api(row), "{\"MiscAmt\":15.5}").status()).isEqualTo(204);
    assertThat(http.get(http.api(row)).json().get("DocMiscAmt").decimalValue())
        .isEqualByComparingTo(new BigDecimal("15.5"));
  }

  @Test
  void aChargeNeedsAShippingMiscCodeFromMiscChargeMaintenance() {
    assertThat(assertEpicorError(http.post(http.api(MISCS),
        "{\"PackNum\":1004,\"PackLine\":0,\"SeqNum\":1,\"MiscCode\":\"FRX\",\"MiscAmt\":10}"), 400,
        EpicorApiException.BO_EXCEPTION)).contains("'FRX' is not valid");
    assertThat(assertEpicorError(http.post(http.api(MISCS),
        "{\"PackNum\":1004,\"PackLine\":0,\"SeqNum\":1,\"MiscCode\":\"HAND\",\"MiscAmt\":10}"), 400,
        EpicorApiException.BO_EXCEPTION)).contains("not available on packing slips");
    assertThat(http.get(http.api("Erp.BO.MiscChrgSvc/MiscChrgs('EPIC06','FRT')")).json()
        .get("ShippingAccess").asBoolean()).isTrue();
    assertThat(http.get(http.api("Erp.BO.MiscChrgSvc/MiscChrgs('EPIC06','FRX')")).status()).isEqualTo(404);
    assertThat(miscs(1004)).isZero();
  }

  @Test
  void theAmountIsPositiveWithTwoDecimalsAndTheChargeBelongsToThePack() {
    for (String amount : new String[] {"0", "-4.50", "12.345"}) {
      assertEpicorError(http.post(http.api(MISCS),
          "{\"PackNum\":1004,\"PackLine\":0,\"SeqNum\":1,\"MiscCode\":\"FRT\",\"MiscAmt\":" + amount + "}"), 400,
          EpicorApiException.BO_EXCEPTION);
    }
    assertThat(assertEpicorError(http.post(http.api(MISCS),
        "{\"PackNum\":1004,\"PackLine\":1,\"SeqNum\":1,\"MiscCode\":\"FRT\",\"MiscAmt\":10}"), 400,
        EpicorApiException.BO_EXCEPTION)).contains("PackLine must be 0");
    assertThat(assertEpicorError(http.post(http.api(MISCS),
        "{\"PackNum\":9999,\"PackLine\":0,\"SeqNum\":1,\"MiscCode\":\"FRT\",\"MiscAmt\":10}"), 400,
        EpicorApiException.BO_EXCEPTION)).contains("Pack 9999 does not exist");
    TestHttp.Reply created = http.post(http.api(MISCS), "{\"PackNum\":1004,\"PackLine\":0,\"SeqNum\":1,"
        + "\"SysRowID\":\"00000000-0000-0000-0000-000000000000\",\"MiscCode\":\"FRT\",\"MiscAmt\":10}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String rowId = created.json().get("SysRowID").asText();
    assertThat(http.post(http.api(MISCS), "{\"PackNum\":1004,\"PackLine\":0,\"SeqNum\":1,"
        + "\"MiscCode\":\"FRT\",\"MiscAmt\":10}").status()).as("SeqNum is part of the unique index").isNotEqualTo(201);
    assertEpicorError(http.patch(http.api(MISCS + "('EPIC06',1004,0,1,'" + rowId + "')"), "{\"MiscAmt\":0}"), 400,
        EpicorApiException.BO_EXCEPTION);
    assertThat(miscs(1004)).isEqualTo(1);
  }

  @Test
  void aVoidedPackTakesNoCharge() {
    assertThat(assertEpicorError(http.post(http.api(MISCS),
        "{\"PackNum\":1003,\"PackLine\":0,\"SeqNum\":1,\"MiscCode\":\"FRT\",\"MiscAmt\":10}"), 400,
        EpicorApiException.BO_EXCEPTION)).contains("Pack 1003 is voided");
    assertThat(miscs(1003)).isZero();
  }

  private int miscs(int packNum) {
    return http.get(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06'," + packNum + ")/ShipMiscs")).json()
        .get("value").size();
  }
}
