package com.epicorups.sandbox.epicor;

import com.epicorups.testing.MutableClock;
import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpicorSandboxWriteTest {

  private static final String REL = "Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T15:30:00Z"));
  private EpicorSandbox sandbox;
  private TestHttp http;

  @BeforeEach
  void start() {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.sample()).clock(clock).childSetFilter(ChildSetFilter.CHILD).build().start();
    http = new TestHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private JsonNode release() {
    TestHttp.Reply reply = http.get(http.api(REL));
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void patchOfUdFieldsIs204BumpsSysRevIdAndIsRecorded() {
    long before = release().get("SysRevID").asLong();
    long highest = sandbox.dataset().currentRevision();

    TestHttp.Reply reply = http.patch(http.api(REL), """
        {"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,
         "TrackingNumber_c":"1Z12345E0205271688","UPSStatus_c":"LABEL_CREATED","EstDeliveryDate_c":"2026-12-01T00:00:00"}""");

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.body()).isEmpty();
    JsonNode after = release();
    assertThat(after.get("TrackingNumber_c").asText()).isEqualTo("1Z12345E0205271688");
    assertThat(after.get("EstDeliveryDate_c").asText()).isEqualTo("2026-12-01T00:00:00");
    assertThat(after.get("SysRevID").asLong()).isGreaterThan(before).isEqualTo(highest + 1);
    assertThat(after.get("ChangeDate").asText()).isEqualTo("2026-11-27T00:00:00");
    assertThat(after.get("ChangeTime").asLong()).isEqualTo(15 * 3600 + 30 * 60);
    assertThat(after.get("ChangedBy").asText()).isEqualTo("integration");
    JsonNode byTracking = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,OrderLine,OrderRelNum"
        + "&$filter=" + TestHttp.q("TrackingNumber_c eq '1Z12345E0205271688'"))).json();
    assertThat(byTracking.get("value")).singleElement()
        .satisfies(r -> assertThat(r.get("OrderNum").asInt()).isEqualTo(5001));

    List<RecordedWrite> writes = sandbox.writes().all();
    assertThat(writes).hasSize(1);
    RecordedWrite write = writes.get(0);
    assertThat(write.method()).isEqualTo("PATCH");
    assertThat(write.entitySet()).isEqualTo("OrderRels");
    assertThat(write.keys()).containsEntry("OrderNum", 5001L).containsEntry("OrderRelNum", 1L);
    assertThat(write.body()).containsEntry("UPSStatus_c", "LABEL_CREATED");
    assertThat(write.status()).isEqualTo(204);
    assertThat(write.applied()).isTrue();
    assertThat(sandbox.requests().count(RequestKind.WRITE)).isEqualTo(1);
  }

  @Test
  void sysRevIdIsMonotonicAcrossTables() {
    http.patch(http.api(REL), "{\"UPSStatus_c\":\"IN_TRANSIT\"}");
    long rel = release().get("SysRevID").asLong();
    http.patch(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06',1002)"), "{\"TrackingNumber\":\"1Z999AA10123456791\"}");
    long pack = http.get(http.api("Erp.BO.CustShipSvc/CustShips('EPIC06',1002)")).json().get("SysRevID").asLong();
    assertThat(pack).isEqualTo(rel + 1);
    JsonNode changed = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter=SysRevID%20gt%20" + (rel - 1))).json();
    assertThat(changed.get("value")).hasSize(1);
  }

  @Test
  void unknownOrMistypedFieldsAreRejectedAndRecorded() {
    long before = release().get("SysRevID").asLong();
    String message = assertEpicorError(http.patch(http.api(REL), "{\"TrackingNumber\":\"1Z\"}"), 400,
        EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("TrackingNumber");
    assertEpicorError(http.patch(http.api(REL), "{\"Carrier_c\":\"UPS\"}"), 400, EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.patch(http.api(REL), "{\"OpenRelease\":\"yes\"}"), 400, EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.patch(http.api(REL), "not json"), 400, EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.patch(http.api(REL), "{\"OrderNum\":5002}"), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(release().get("SysRevID").asLong()).isEqualTo(before);
    assertThat(sandbox.writes().all()).hasSize(5).allMatch(w -> w.status() == 400 && !w.applied());
  }

  @Test
  void staleSysRevIdIsRejectedLikeAConcurrentEdit() {
    long before = release().get("SysRevID").asLong();
    sandbox.dataset().update("OrderRels",
        Map.of("Company", "EPIC06", "OrderNum", 5001, "OrderLine", 1, "OrderRelNum", 1), Map.of("ShipViaCode", "UP2D"));
    String message = assertEpicorError(http.patch(http.api(REL),
        "{\"SysRevID\":" + before + ",\"UPSStatus_c\":\"X\"}"), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).contains("modified by another user");
    long current = release().get("SysRevID").asLong();
    assertThat(http.patch(http.api(REL), "{\"SysRevID\":" + current + ",\"UPSStatus_c\":\"X\"}").status()).isEqualTo(204);
  }

  @Test
  void patchOnMissingRowIs404() {
    assertEpicorError(http.patch(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',9999,1,1)"), "{\"UPSStatus_c\":\"X\"}"),
        404, EpicorApiException.NOT_FOUND_EXCEPTION);
    assertThat(sandbox.writes().all().get(0).status()).isEqualTo(404);
  }

  @Test
  void postCreatesAndDeleteRemoves() {
    TestHttp.Reply created = http.post(http.api("Erp.BO.CustShipSvc/CartonTrkDtls"), """
        {"ShipmentType":"Sales","PackNum":1002,"CaseNum":2,"TrackingNumber":"1Z999AA10123456805","PkgWeight":12.5}""");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("Company").asText()).isEqualTo("EPIC06");
    assertThat(created.json().get("SysRevID").asLong()).isEqualTo(sandbox.dataset().currentRevision());
    assertThat(http.post(http.api("Erp.BO.CustShipSvc/CartonTrkDtls"), """
        {"ShipmentType":"Sales","PackNum":1002,"CaseNum":2}""").status()).isEqualTo(409);
    String key = "Erp.BO.CustShipSvc/CartonTrkDtls('EPIC06','Sales',1002,2)";
    assertThat(http.get(http.api(key)).json().get("TrackingNumber").asText()).isEqualTo("1Z999AA10123456805");
    assertThat(http.delete(http.api(key)).status()).isEqualTo(204);
    assertThat(http.get(http.api(key)).status()).isEqualTo(404);
    assertThat(sandbox.writes().all()).extracting(RecordedWrite::method, RecordedWrite::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", 201), org.assertj.core.groups.Tuple.tuple("POST", 409),
            org.assertj.core.groups.Tuple.tuple("DELETE", 204));
  }

  @Test
  void datasetEditsShowUpInTheApi() {
    Map<String, Object> key = Map.of("Company", "EPIC06", "OrderNum", 5006, "OrderLine", 1, "OrderRelNum", 1);
    assertThat(release5006().get("ReadyToFulfill").asBoolean()).isFalse();
    sandbox.dataset().update("OrderRels", key, Map.of("ReadyToFulfill", true));
    assertThat(release5006().get("ReadyToFulfill").asBoolean()).isTrue();
    assertThat(release5006().get("ChangedBy").asText()).isEqualTo("manager");
  }

  private JsonNode release5006() {
    return http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5006,1,1)")).json();
  }

  @Test
  void updateExtAppliesPartialOrderRelRowsAndReportsEachFailedRowInA200() {
    long before = release().get("SysRevID").asLong();

    TestHttp.Reply reply = http.post(http.api("Erp.BO.SalesOrderSvc/UpdateExt"), """
        {"ds":{"OrderRel":[
          {"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,"UPSStatus_c":"IN_TRANSIT","RowMod":"U"},
          {"Company":"EPIC06","OrderNum":4242,"OrderLine":1,"OrderRelNum":1,"UPSStatus_c":"IN_TRANSIT","RowMod":"U"},
          {"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,"SysRevID":1,"RowMod":"U"}]},
         "continueProcessingOnError":true,"rollbackParentOnChildError":false}""");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.at("/parameters/errorsOccurred").asBoolean()).isTrue();
    assertThat(body.at("/returnObj/BOUpdError")).hasSize(2);
    assertThat(body.at("/returnObj/BOUpdError/0/TableName").asText()).isEqualTo("OrderRel");
    assertThat(body.at("/returnObj/BOUpdError/0/ErrorText").asText()).contains("not found");
    assertThat(body.at("/returnObj/BOUpdError/1/ErrorText").asText()).contains("modified by another user");
    assertThat(body.at("/returnObj/BOUpdError/1/ErrorSysRowID").asText()).isEqualTo(release().get("SysRowID").asText());
    assertThat(body.at("/parameters/ds/OrderRel/0/UPSStatus_c").asText()).isEqualTo("IN_TRANSIT");
    JsonNode after = release();
    assertThat(after.get("UPSStatus_c").asText()).isEqualTo("IN_TRANSIT");
    assertThat(after.get("SysRevID").asLong()).isGreaterThan(before);
    assertThat(sandbox.writes().all()).extracting(RecordedWrite::status).containsExactly(200, 400, 400);
    assertThat(sandbox.requests().all()).extracting(RecordedRequest::kind).containsExactly(
        RequestKind.READ_ENTITY, RequestKind.WRITE, RequestKind.READ_ENTITY, RequestKind.READ_ENTITY);
  }

  @Test
  void updateExtNamingAColumnTheTableLacksIsRefusedWholeWithNothingApplied() {
    TestHttp.Reply reply = http.post(http.api("Erp.BO.SalesOrderSvc/UpdateExt"), """
        {"ds":{"OrderRel":[
          {"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,"UPSStatus_c":"IN_TRANSIT","RowMod":"U"},
          {"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,"NoSuchColumn_c":"x","RowMod":"U"}]},
         "continueProcessingOnError":true,"rollbackParentOnChildError":false}""");

    String message = assertEpicorError(reply, 400, EpicorApiException.BO_EXCEPTION);
    assertThat(message).startsWith("Unable to deserialize entity.")
        .contains("'NoSuchColumn_c'").contains("Erp.Tablesets.OrderRelRow");
    assertThat(release().path("UPSStatus_c").asText("")).isNotEqualTo("IN_TRANSIT");
    assertThat(sandbox.writes().all()).isEmpty();
  }

  @Test
  void updateExtWithoutContinueProcessingOnErrorStopsAtTheFirstFailedRow() {
    TestHttp.Reply reply = http.post(http.api("Erp.BO.SalesOrderSvc/UpdateExt"), """
        {"ds":{"OrderRel":[
          {"Company":"EPIC06","OrderNum":4242,"OrderLine":1,"OrderRelNum":1,"UPSStatus_c":"IN_TRANSIT","RowMod":"U"},
          {"Company":"EPIC06","OrderNum":5001,"OrderLine":1,"OrderRelNum":1,"UPSStatus_c":"IN_TRANSIT","RowMod":"U"}]},
         "continueProcessingOnError":false}""");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/returnObj/BOUpdError")).hasSize(1);
    assertThat(release().path("UPSStatus_c").asText("")).isNotEqualTo("IN_TRANSIT");
  }

  @Test
  void updateExtRefusesATableOutsideTheService() {
    TestHttp.Reply reply = http.post(http.api("Erp.BO.SalesOrderSvc/UpdateExt"), """
        {"ds":{"ShipHead":[{"Company":"EPIC06","PackNum":1,"RowMod":"U"}]}}""");
    assertThat(reply.status()).isEqualTo(400);
  }
}
