package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dataset (AccessDenied) or a test (sandbox.access()) can deny the API key/user read or write on a service, set or
 * BAQ; Epicor's refusal is 403 Ice.Common.UnauthorizedAccessException, or the 401/404 some releases answer for a
 * service outside the key's scope. Everything not denied keeps working.
 */
class AccessDeniedTest {

  private static final String RELS = "Erp.BO.SalesOrderSvc/OrderRels";
  private static final String REL = RELS + "('EPIC06',5001,1,1)";
  private static final String UPDATE_EXT = "Erp.BO.SalesOrderSvc/UpdateExt";
  /** A write that changes nothing: what a preflight can send to learn whether it may write. */
  private static final String EMPTY_UPDATE = "{\"ds\":{\"OrderRel\":[]},\"continueProcessingOnError\":true}";

  private EpicorSandbox sandbox;
  private TestHttp http;

  private void start(EpicorDataset dataset) {
    sandbox = EpicorSandbox.builder().dataset(dataset).user("integration", "secret").user("clerk", "pw").build().start();
    http = new TestHttp(sandbox);
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void nothingIsDeniedByDefaultAndAnEmptyUpdateExtIsAHarmlessWriteProbe() {
    start(EpicorDataset.sample());
    long revision = sandbox.dataset().currentRevision();
    assertThat(http.get(http.api(RELS + "?$top=1")).status()).isEqualTo(200);
    TestHttp.Reply probe = http.post(http.api(UPDATE_EXT), EMPTY_UPDATE);
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().at("/parameters/errorsOccurred").asBoolean()).isFalse();
    assertThat(sandbox.dataset().currentRevision()).isEqualTo(revision);
    assertThat(sandbox.writes().all()).isEmpty();
  }

  @Test
  void aReadDenialRefusesEveryReadOfTheServiceWith403() {
    start(EpicorDataset.sample());
    sandbox.access().denyRead("Erp.BO.SalesOrderSvc");
    for (String path : List.of(RELS + "?$top=1", REL, "Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)/OrderDtls",
        "Erp.BO.SalesOrderSvc/$metadata", "Erp.BO.SalesOrderSvc")) {
      String message = assertEpicorError(http.get(http.api(path)), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
      assertThat(message).as(path).contains("integration").contains("Erp.BO.SalesOrderSvc");
    }
    assertThat(http.get(http.api("Erp.BO.PartSvc/Parts?$top=1")).status()).as("other services").isEqualTo(200);
    assertThat(http.patch(http.api(REL), "{\"UPSStatus_c\":\"LABEL_CREATED\"}").status()).as("writes").isEqualTo(204);
  }

  @Test
  void aWriteDenialRefusesPatchPostDeleteAndUpdateExtButNotReads() {
    start(EpicorDataset.sample());
    sandbox.access().denyWrite("Erp.BO.SalesOrderSvc");
    long revision = sandbox.dataset().currentRevision();
    assertEpicorError(http.patch(http.api(REL), "{\"UPSStatus_c\":\"LABEL_CREATED\"}"), 403,
        EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.post(http.api(UPDATE_EXT), EMPTY_UPDATE), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.post(http.api(UPDATE_EXT), """
        {"ds":{"OrderRel":[{"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,
          "UPSStatus_c":"LABEL_CREATED","RowMod":"U"}]}}"""), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.post(http.api(RELS), "{\"OrderNum\":5001,\"OrderLine\":1,\"OrderRelNum\":9}"), 403,
        EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.delete(http.api(REL)), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertThat(sandbox.dataset().currentRevision()).isEqualTo(revision);
    assertThat(http.get(http.api(REL)).status()).isEqualTo(200);
    assertThat(http.get(http.api("Erp.BO.SalesOrderSvc/$metadata")).status()).isEqualTo(200);
    assertThat(http.patch(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06',1002)"), "{\"TrackingNumber\":\"1Z\"}")
        .status()).as("another service's writes").isEqualTo(204);
  }

  @Test
  void aSetDenialLeavesTheServicesOtherSetsAndAUserDenialOtherUsers() {
    start(EpicorDataset.sample());
    sandbox.access().deny(AccessRule.deny("Erp.BO.SalesOrderSvc", AccessRule.Access.WRITE).onEntitySet("OrderRels")
        .forUser("integration"));
    assertEpicorError(http.patch(http.api(REL), "{\"UPSStatus_c\":\"X\"}"), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.post(http.api(UPDATE_EXT), """
        {"ds":{"OrderRel":[{"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,"UPSStatus_c":"X","RowMod":"U"}]}}"""),
        403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertThat(http.patch(http.api("Erp.BO.SalesOrderSvc/SalesOrders('EPIC06',5001)"), "{\"ShipComment\":\"x\"}").status())
        .isEqualTo(204);
    http.authorization = TestHttp.basic("clerk", "pw");
    assertThat(http.patch(http.api(REL), "{\"UPSStatus_c\":\"X\"}").status()).isEqualTo(204);
    sandbox.access().clear();
    http.authorization = TestHttp.basic("integration", "secret");
    assertThat(http.patch(http.api(REL), "{\"UPSStatus_c\":\"Y\"}").status()).isEqualTo(204);
  }

  @Test
  void aDatasetDeclaresDenialsIncludingABaqAndAScopeThatAnswers404Or401() {
    start(EpicorDataset.fromJson("""
        {"Company":"EPIC06",
         "OrderRels":[{"OrderNum":1,"OrderLine":1,"OrderRelNum":1}],
         "BAQs":{"ReadyToShip":{"from":"OrderRels","columns":["OrderNum"]}},
         "AccessDenied":[
           {"service":"BaqSvc","entitySet":"ReadyToShip","access":"read"},
           {"service":"Erp.BO.WarehseSvc","access":"all","status":404},
           {"service":"Erp.BO.CountrySvc","access":"read","status":401}]}"""));
    assertThat(sandbox.access().rules()).hasSize(3);
    assertEpicorError(http.get(http.api("BaqSvc/ReadyToShip/Data")), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.get(http.api("BaqSvc/ReadyToShip/$metadata")), 403, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.WarehseSvc/Warehses")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.CountrySvc/Countries")), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertThat(http.get(http.api("Erp.BO.ShipViaSvc/ShipVias")).status()).isEqualTo(200);
    assertThat(http.get(http.api(RELS)).status()).isEqualTo(200);
  }

  @Test
  void badDenialsAreLoadErrors() {
    assertThatThrownBy(() -> EpicorDataset.fromJson("{\"AccessDenied\":[{\"service\":\"X\",\"access\":\"delete\"}]}"))
        .isInstanceOf(DatasetException.class).hasMessageContaining("AccessDenied").hasMessageContaining("rule 0")
        .hasMessageContaining("read, write or all");
    assertThatThrownBy(() -> EpicorDataset.fromJson("{\"AccessDenied\":[{\"access\":\"read\"}]}"))
        .hasMessageContaining("\"service\"");
    assertThatThrownBy(() -> EpicorDataset.fromJson(
        "{\"AccessDenied\":[{\"service\":\"X\",\"access\":\"read\",\"status\":500}]}"))
        .hasMessageContaining("401, 403 or 404");
  }
}
