package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Epicor's write rules for customer shipments (packs), and the sample's packs waiting for a label. */
class PackWriteRulesTest {

  private static final String CARTONS = "Erp.BO.CustShipSvc/CartonTrkDtls";
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
  void aVoidedPackRefusesUpdatesOfItsHeadAndNewCartons() {
    long before = pack(1003).get("SysRevID").asLong();

    String message = assertEpicorError(http.patch(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06',1003)"),
        "{\"TrackingNumber\":\"1Z999AA10123456784\"}"), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("Pack 1003 is voided");
    assertEpicorError(http.post(http.api(CARTONS), "{\"ShipmentType\":\"Sales\",\"PackNum\":1003,\"CaseNum\":2}"),
        400, EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.patch(http.api(CARTONS + "('EPIC06','Sales',1003,1)"),
        "{\"TrackingNumber\":\"1Z999AA10123456784\"}"), 400, EpicorApiException.BO_EXCEPTION);

    assertThat(pack(1003).get("SysRevID").asLong()).isEqualTo(before);
    assertThat(pack(1003).get("TrackingNumber").asText()).isEmpty();
    assertThat(sandbox.dataset().find("CartonTrkDtls",
        Map.of("Company", "EPIC06", "ShipmentType", "Sales", "PackNum", 1003, "CaseNum", 2))).isEmpty();
  }

  @Test
  void aPackVoidedByAUserRefusesTheWriteThatFollows() {
    String head = "Erp.BO.CustShipSvc/CustShips('EPIC06',1008)";
    assertThat(http.patch(http.api(head), "{\"TrackingNumber\":\"1Z999AA10123456784\"}").status()).isEqualTo(204);

    sandbox.dataset().update("CustShips", Map.of("Company", "EPIC06", "PackNum", 1008),
        Map.of("Voided", true, "ShipStatus", "Void"));

    assertEpicorError(http.patch(http.api(head), "{\"TrackingNumber\":\"\"}"), 400,
        EpicorApiException.BO_EXCEPTION);
    assertThat(pack(1008).get("TrackingNumber").asText()).isEqualTo("1Z999AA10123456784");
    assertThatThrownBy(() -> sandbox.dataset().update("CustShips", Map.of("Company", "EPIC06", "PackNum", 1008),
        Map.of("ShipComment", "x"))).isInstanceOf(DatasetException.class).hasMessageContaining("voided");
  }

  @Test
  void updateExtOfAVoidedPackIsAnErrorRowAndOthersApply() {
    TestHttp.Reply reply = http.post(http.api("Erp.BO.CustShipSvc/UpdateExt"), """
        {"ds":{"ShipHead":[{"Company":"EPIC06","PackNum":1003,"TrackingNumber":"1Z1","RowMod":"U"},
                           {"Company":"EPIC06","PackNum":1004,"TrackingNumber":"1Z2","RowMod":"U"}]},
         "continueProcessingOnError":true,"rollbackParentOnChildError":false}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().at("/parameters/errorsOccurred").asBoolean()).isTrue();
    assertThat(reply.json().at("/returnObj/BOUpdError/0/ErrorText").asText()).contains("Pack 1003 is voided");
    assertThat(pack(1004).get("TrackingNumber").asText()).isEqualTo("1Z2");
    assertThat(pack(1003).get("TrackingNumber").asText()).isEmpty();
  }

  @Test
  void aCartonNeedsItsPackAndGetsEpicorsCaseId() {
    String message = assertEpicorError(http.post(http.api(CARTONS),
        "{\"ShipmentType\":\"Sales\",\"PackNum\":9999,\"CaseNum\":1}"), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("Pack 9999 does not exist");

    TestHttp.Reply created = http.post(http.api(CARTONS), """
        {"ShipmentType":"Sales","PackNum":1004,"CaseNum":1,"CaseID":"anything","TrackingNumber":"1Z999AA10123456784",
         "PkgWeight":23.5}""");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("CaseID").asText()).isEqualTo("1004-1");
    assertEpicorError(http.patch(http.api(CARTONS + "('EPIC06','Sales',1004,1)"), "{\"CaseID\":\"X-1\"}"), 400,
        EpicorApiException.BO_EXCEPTION);
    assertThat(http.patch(http.api(CARTONS + "('EPIC06','Sales',1004,1)"), "{\"PkgWeight\":24}").status())
        .isEqualTo(204);
  }

  @Test
  void theSampleHasPacksWaitingForALabel() {
    JsonNode ready = http.get(http.api("Erp.BO.CustShipSvc/CustShips?$select=PackNum,ShipViaCode,UseOTS&$filter="
        + TestHttp.q("ShipStatus eq 'FREIGHTED' and Voided eq false and ReadyToInvoice eq false"
        + " and TrackingNumber eq ''"))).json().get("value");
    List<Integer> packNums = new ArrayList<>();
    ready.forEach(p -> packNums.add(p.get("PackNum").asInt()));
    assertThat(packNums).containsExactly(1004, 1005, 1006, 1007, 1008, 1009, 1011);
    assertThat(cartons(1004)).isZero();
    assertThat(cartons(1005)).isEqualTo(3);
    assertThat(cartons(1007)).isEqualTo(2);
    assertThat(pack(1006).get("UseOTS").asBoolean()).isTrue();
    assertThat(pack(1006).get("OTSOrderNum").asInt()).isEqualTo(5017);
    assertThat(pack(1009).get("ShipViaCode").asText()).isEqualTo("FEDX");
    assertThat(pack(1011).get("Weight").decimalValue()).isGreaterThan(new java.math.BigDecimal(150));
  }

  private int cartons(int packNum) {
    return http.get(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06'," + packNum + ")/CartonTrkDtls")).json()
        .get("value").size();
  }

  private JsonNode pack(int packNum) {
    TestHttp.Reply reply = http.get(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06'," + packNum + ")"));
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }
}
