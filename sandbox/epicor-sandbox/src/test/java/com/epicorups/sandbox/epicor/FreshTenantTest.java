package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dataset without UDFields is a fresh Kinetic tenant: no {@code _c} column exists, and every way of naming one
 * (read, filter, write) is refused as Epicor refuses it. Declared UD columns exist everywhere.
 */
class FreshTenantTest {

  /** A real company's data as a new user exports it: no UDFields, one order with one release. */
  static final String FRESH = """
      {"Company":"ACME",
       "SalesOrders":[{"OrderNum":1,"CustNum":1,"OpenOrder":true}],
       "OrderDtls":[{"OrderNum":1,"OrderLine":1,"PartNum":"P1","OpenLine":true}],
       "OrderRels":[{"OrderNum":1,"OrderLine":1,"OrderRelNum":1,"PartNum":"P1","OpenRelease":true}],
       "CustShips":[{"PackNum":10}]}""";
  static final String REL = "Erp.BO.SalesOrderSvc/OrderRels('ACME',1,1,1)";
  private static final Pattern PROPERTY = Pattern.compile("<Property Name=\"([^\"]+)\"");

  private EpicorSandbox sandbox;
  private TestHttp http;

  private void start(String json) {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.fromJson(json)).childSetFilter(ChildSetFilter.CHILD).build().start();
    http = new TestHttp(sandbox);
    http.company = "ACME";
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void noUdColumnExistsInAnyRowOrMetadata() {
    start(FRESH);
    for (EntitySetSchema set : sandbox.dataset().schema().entitySets()) {
      assertThat(set.fields().keySet()).as(set.entitySet()).noneMatch(name -> name.endsWith("_c"));
    }
    JsonNode rel = http.get(http.api(REL)).json();
    rel.fieldNames().forEachRemaining(name -> assertThat(name).doesNotEndWith("_c"));
    for (String service : sandbox.dataset().schema().services()) {
      TestHttp.Reply metadata = http.get(http.api(service + "/$metadata"));
      assertThat(metadata.status()).isEqualTo(200);
      assertThat(properties(metadata.body())).as(service).isNotEmpty().noneMatch(name -> name.endsWith("_c"));
    }
  }

  @Test
  void readingOrFilteringOnAnUndeclaredUdColumnIsA400NamingIt() {
    start(FRESH);
    String select = assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,TrackingNumber_c")),
        400, EpicorApiException.BO_EXCEPTION);
    assertThat(select).contains("TrackingNumber_c");
    String filter = assertEpicorError(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$filter="
        + q("UPSStatus_c eq 'DELIVERED'"))), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(filter).contains("UPSStatus_c");
    assertEpicorError(http.get(http.api(REL + "?$select=TrackingNumber_c")), 400, EpicorApiException.BO_EXCEPTION);
    assertEpicorError(http.get(http.api("Erp.BO.CustShipSvc/CustShips?$select=PackNum,DeliveredDate_c&$top=1")),
        400, EpicorApiException.BO_EXCEPTION);
  }

  @Test
  void writingAnUndeclaredUdColumnIs400UnableToDeserializeAndChangesNothing() {
    start(FRESH);
    long revision = sandbox.dataset().currentRevision();

    String patch = assertEpicorError(http.patch(http.api(REL), "{\"TrackingNumber_c\":\"1Z999AA10123456784\"}"),
        400, EpicorApiException.BO_EXCEPTION);
    assertThat(patch).startsWith("Unable to deserialize entity. Input data is not in correct format.")
        .contains("'TrackingNumber_c'").contains("'Erp.Tablesets.OrderRelRow'");

    String updateExt = assertEpicorError(http.post(http.api("Erp.BO.SalesOrderSvc/UpdateExt"), """
        {"ds":{"OrderRel":[{"Company":"ACME","OrderNum":1,"OrderLine":1,"OrderRelNum":1,
          "UPSStatus_c":"LABEL_CREATED","RowMod":"U"}]},"continueProcessingOnError":true}"""),
        400, EpicorApiException.BO_EXCEPTION);
    assertThat(updateExt).startsWith("Unable to deserialize entity.").contains("'UPSStatus_c'");

    String packPatch = assertEpicorError(http.patch(http.api("Erp.BO.CustShipSvc/CustShips('ACME',10)"),
        "{\"DeliveredDate_c\":\"2026-12-01T00:00:00\"}"), 400, EpicorApiException.BO_EXCEPTION);
    assertThat(packPatch).contains("'Erp.Tablesets.ShipHeadRow'");

    String post = assertEpicorError(http.post(http.api("Erp.BO.SalesOrderSvc/OrderRels"),
        "{\"OrderNum\":1,\"OrderLine\":1,\"OrderRelNum\":2,\"TrackingNumber_c\":\"x\"}"),
        400, EpicorApiException.BO_EXCEPTION);
    assertThat(post).contains("'TrackingNumber_c'");

    assertThat(sandbox.dataset().currentRevision()).as("nothing written").isEqualTo(revision);
    assertThat(sandbox.dataset().get("OrderRels")).hasSize(1);
  }

  @Test
  void aStandardColumnStillWritesOnAFreshTenant() {
    start(FRESH);
    assertThat(http.patch(http.api("Erp.BO.CustShipSvc/CustShips('ACME',10)"),
        "{\"TrackingNumber\":\"1Z999AA10123456784\"}").status()).isEqualTo(204);
    assertThat(http.get(http.api("Erp.BO.CustShipSvc/CustShips('ACME',10)?$select=TrackingNumber")).json()
        .get("TrackingNumber").asText()).isEqualTo("1Z999AA10123456784");
  }

  @Test
  void declaredUdColumnsExistInRowsMetadataQueriesAndWritesWithTheirTypes() {
    start(FRESH.replace("{\"Company\":\"ACME\",", """
        {"Company":"ACME","UDFields":{"OrderRel":{"TrackingNumber_c":"string","EstDeliveryDate_c":"date"},
                                      "ShipHead":["DeliveredNote_c"]},"""));
    String metadata = http.get(http.api("Erp.BO.SalesOrderSvc/$metadata")).body();
    assertThat(metadata).contains("<Property Name=\"TrackingNumber_c\" Type=\"Edm.String\"")
        .contains("<Property Name=\"EstDeliveryDate_c\" Type=\"Edm.DateTimeOffset\"");
    assertThat(properties(metadata)).filteredOn(name -> name.endsWith("_c"))
        .containsExactly("TrackingNumber_c", "EstDeliveryDate_c");
    assertThat(properties(http.get(http.api("Erp.BO.CustShipSvc/$metadata")).body()))
        .filteredOn(name -> name.endsWith("_c")).containsExactly("DeliveredNote_c");

    assertThat(http.patch(http.api(REL), "{\"TrackingNumber_c\":\"1Z999AA10123456784\","
        + "\"EstDeliveryDate_c\":\"2026-12-01\"}").status()).isEqualTo(204);
    JsonNode page = http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum,TrackingNumber_c,EstDeliveryDate_c"
        + "&$filter=" + q("TrackingNumber_c eq '1Z999AA10123456784'"))).json();
    assertThat(page.get("value")).hasSize(1);
    assertThat(page.at("/value/0/EstDeliveryDate_c").asText()).isEqualTo("2026-12-01T00:00:00");
    String mistyped = assertEpicorError(http.patch(http.api(REL), "{\"EstDeliveryDate_c\":42}"), 400,
        EpicorApiException.BO_EXCEPTION);
    assertThat(mistyped).contains("EstDeliveryDate_c");
  }

  @Test
  void udColumnsDeclaredWhileTheTenantRunsAppearOnEveryRowWithoutTouchingAnyRevision() {
    start(FRESH);
    // Read once before, so a metadata document cached for the old data model would show up below.
    assertThat(properties(http.get(http.api("Erp.BO.SalesOrderSvc/$metadata")).body())).noneMatch(n -> n.endsWith("_c"));
    long revision = sandbox.dataset().currentRevision();
    long relRevision = ((Number) sandbox.dataset().get("OrderRels").get(0).get("SysRevID")).longValue();

    sandbox.dataset().regenerateDataModel(java.util.Map.of("OrderRel",
        java.util.Map.of("TrackingNumber_c", "string", "EstDeliveryDate_c", "date")));

    assertThat(sandbox.dataset().modelGeneration()).isEqualTo(1);
    assertThat(properties(http.get(http.api("Erp.BO.SalesOrderSvc/$metadata")).body()))
        .filteredOn(name -> name.endsWith("_c")).containsExactlyInAnyOrder("TrackingNumber_c", "EstDeliveryDate_c");
    JsonNode rel = http.get(http.api(REL + "?$select=OrderNum,TrackingNumber_c,EstDeliveryDate_c,SysRevID")).json();
    assertThat(rel.get("TrackingNumber_c").asText()).isEmpty();
    assertThat(rel.get("EstDeliveryDate_c").isNull()).isTrue();
    assertThat(rel.get("SysRevID").asLong()).isEqualTo(relRevision);
    assertThat(sandbox.dataset().currentRevision()).as("a regeneration writes no row").isEqualTo(revision);

    assertThat(http.patch(http.api(REL), "{\"TrackingNumber_c\":\"1Z999AA10123456784\"}").status()).isEqualTo(204);
    assertThat(http.get(http.api("Erp.BO.SalesOrderSvc/OrderRels?$select=OrderNum&$filter="
        + q("TrackingNumber_c eq '1Z999AA10123456784'"))).json().get("value")).hasSize(1);
    // Still a 400 for a column nobody declared, and a column cannot be declared twice.
    assertEpicorError(http.get(http.api(REL + "?$select=UPSStatus_c")), 400, EpicorApiException.BO_EXCEPTION);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.dataset().regenerateDataModel(
        java.util.Map.of("OrderRel", java.util.Map.of("TrackingNumber_c", "string"))))
        .hasMessageContaining("already a column");
  }

  @Test
  void theSampleDeclaresExactlyTheUdColumnsTheSampleSettingsWriteBack() {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.sample()).build().start();
    http = new TestHttp(sandbox);
    List<String> udColumns = new ArrayList<>();
    for (EntitySetSchema set : sandbox.dataset().schema().entitySets()) {
      set.fields().keySet().stream().filter(name -> name.endsWith("_c")).forEach(name -> udColumns.add(set.table() + "." + name));
    }
    // The connector's default write-back (ORDER_REL_UD, docs/epicor-write-back.md) and nothing else.
    assertThat(udColumns).containsExactly("OrderRel.TrackingNumber_c", "OrderRel.UPSStatus_c",
        "OrderRel.EstDeliveryDate_c", "OrderRel.DeliveredDate_c", "OrderRel.LabelLocation_c");
    assertThat(properties(http.get(http.api("Erp.BO.SalesOrderSvc/$metadata")).body()))
        .filteredOn(name -> name.endsWith("_c")).hasSize(5);
  }

  static List<String> properties(String metadataXml) {
    List<String> names = new ArrayList<>();
    Matcher m = PROPERTY.matcher(metadataXml);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
