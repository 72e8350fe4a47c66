package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BaqSvc/{BaqID}: a BAQ that exists lists its columns (service document, $metadata, $select); one that does not is a 404. */
class BaqServiceTest {

  /** The poll's columns: a BAQ missing one of them fails a preflight's check. */
  private static final String POLL_COLUMNS = "OrderRel_SysRevID,OrderRel_OrderNum,OrderRel_OrderLine,OrderRel_OrderRelNum";

  private EpicorSandbox sandbox;
  private TestHttp http;

  private void start(EpicorDataset dataset) {
    sandbox = EpicorSandbox.builder().dataset(dataset).build().start();
    http = new TestHttp(sandbox);
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void aMissingBaqIsA404OnItsRootMetadataAndData() {
    start(EpicorDataset.sample());
    for (String path : List.of("BaqSvc/NoSuchBaq", "BaqSvc/NoSuchBaq/$metadata", "BaqSvc/NoSuchBaq/Data",
        "BaqSvc/NoSuchBaq/Data?$top=1")) {
      String message = assertEpicorError(http.get(http.api(path)), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
      assertThat(message).as(path).contains("NoSuchBaq");
    }
    assertThat(sandbox.requests().all()).extracting(RecordedRequest::status).containsOnly(404);
  }

  @Test
  void aBaqIdIsCaseSensitive() {
    start(EpicorDataset.sample());
    assertThat(http.get(http.api("BaqSvc/ReadyToShip/Data?$top=1")).status()).isEqualTo(200);
    assertEpicorError(http.get(http.api("BaqSvc/readytoship/Data?$top=1")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void theServiceDocumentAndMetadataListTheBaqColumns() {
    start(EpicorDataset.sample());
    JsonNode document = http.get(http.api("BaqSvc/ReadyToShip")).json();
    assertThat(document.get("@odata.context").asText()).endsWith("/api/v2/odata/EPIC06/BaqSvc/ReadyToShip/$metadata");
    assertThat(document.at("/value/0/name").asText()).isEqualTo("Data");
    assertThat(document.at("/value/0/kind").asText()).isEqualTo("EntitySet");

    TestHttp.Reply metadata = http.get(http.api("BaqSvc/ReadyToShip/$metadata"));
    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
    assertThat(metadata.body()).contains("<EntitySet Name=\"Data\"")
        .contains("<Property Name=\"OrderRel_SysRevID\" Type=\"Edm.Int64\"")
        .contains("<Property Name=\"OrderRel_ReqDate\" Type=\"Edm.DateTimeOffset\"");
    List<String> declared = FreshTenantTest.properties(metadata.body());
    JsonNode row = http.get(http.api("BaqSvc/ReadyToShip/Data?$top=1")).json().at("/value/0");
    List<String> served = new ArrayList<>();
    row.fieldNames().forEachRemaining(served::add);
    assertThat(declared).as("$metadata lists exactly the columns a row carries").containsExactlyElementsOf(served);
  }

  @Test
  void selectingTheColumnsTheConnectorReadsChecksTheBaqWithOneRowOrA400() {
    start(EpicorDataset.sample());
    TestHttp.Reply ok = http.get(http.api("BaqSvc/ReadyToShip/Data?$select=" + POLL_COLUMNS + "&$top=1"));
    assertThat(ok.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    ok.json().at("/value/0").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly(POLL_COLUMNS.split(","));

    sandbox.close();
    start(EpicorDataset.fromJson("""
        {"Company":"EPIC06","OrderRels":[{"OrderNum":1,"OrderLine":1,"OrderRelNum":1,"OpenRelease":true}],
         "BAQs":{"ReadyToShip":{"from":"OrderRels","filter":"OpenRelease eq true",
                                "columns":["OrderNum","OrderLine","OrderRelNum"]}}}"""));
    String missing = assertEpicorError(http.get(http.api("BaqSvc/ReadyToShip/Data?$select=" + POLL_COLUMNS + "&$top=1")),
        400, EpicorApiException.BO_EXCEPTION);
    assertThat(missing).contains("OrderRel_SysRevID");
    assertThat(http.get(http.api("BaqSvc/ReadyToShip/$metadata")).body()).doesNotContain("OrderRel_SysRevID");
  }

  @Test
  void anEmptyBaqStillDescribesItsColumnsInMetadata() {
    start(EpicorDataset.fromJson("""
        {"Company":"EPIC06",
         "BAQs":{"ReadyToShip":{"from":"OrderRels","filter":"OpenRelease eq true",
                                "columns":["OrderNum","OrderLine","OrderRelNum","SysRevID"]}}}"""));
    assertThat(http.get(http.api("BaqSvc/ReadyToShip/Data?$top=1")).json().get("value")).isEmpty();
    assertThat(FreshTenantTest.properties(http.get(http.api("BaqSvc/ReadyToShip/$metadata")).body()))
        .containsExactly("OrderRel_OrderNum", "OrderRel_OrderLine", "OrderRel_OrderRelNum", "OrderRel_SysRevID",
            BaqDefinition.ROW_IDENT);
  }

  @Test
  void baqWritesAreNotServed() {
    start(EpicorDataset.sample());
    assertThat(http.patch(http.api("BaqSvc/ReadyToShip/Data"), "{}").status()).isEqualTo(405);
  }
}
