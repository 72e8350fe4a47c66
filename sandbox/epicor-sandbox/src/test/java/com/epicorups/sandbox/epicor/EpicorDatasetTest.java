package com.epicorups.sandbox.epicor;

import com.epicorups.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpicorDatasetTest {

  private static final Map<String, Object> REL_5001_1_1 =
      Map.of("Company", "EPIC06", "OrderNum", 5001, "OrderLine", 1, "OrderRelNum", 1);

  @Test
  void sampleLoadsWithEpicorShapes() {
    EpicorDataset sample = EpicorDataset.sample();
    assertThat(sample.get("SalesOrders")).hasSize(30);
    assertThat(sample.get("OrderRels")).hasSize(50);
    assertThat(sample.get("Customers")).hasSizeGreaterThanOrEqualTo(10);
    assertThat(sample.companies()).containsExactly("EPIC06");
    assertThat(sample.baqs()).containsKey("ReadyToShip");

    Map<String, Object> rel = sample.find("OrderRels", REL_5001_1_1).orElseThrow();
    assertThat(rel).containsEntry("RowMod", "").containsEntry("WarehouseCode", "CHI").containsEntry("Plant", "MfgSys");
    assertThat(rel.get("SysRowID").toString()).matches("[0-9a-f-]{36}");
    assertThat(rel).containsKeys("TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c", "DeliveredDate_c", "LabelLocation_c");
    assertThat(rel.get("EstDeliveryDate_c")).isNull();
    assertThat(rel.get("TrackingNumber_c")).isEqualTo("");
    // The tenant-specific UD column from the swagger is not part of standard Epicor.
    assertThat(rel).doesNotContainKey("JobNum_c");

    Set<Object> revisions = new HashSet<>();
    for (String set : List.of("SalesOrders", "OrderDtls", "OrderRels", "Customers", "ShipToes", "Parts")) {
      sample.get(set).forEach(row -> assertThat(revisions.add(row.get("SysRevID"))).as("unique SysRevID").isTrue());
    }
  }

  @Test
  void omittedFieldsTakeEpicorDefaults() {
    EpicorDataset ds = EpicorDataset.fromJson("""
        {"OrderRels":[{"Company":"EPIC06","OrderNum":1,"OrderLine":1,"OrderRelNum":1}]}""");
    Map<String, Object> row = ds.get("OrderRels").get(0);
    assertThat(row.get("OpenRelease")).isEqualTo(false);
    assertThat(row.get("OurReqQty")).isEqualTo(BigDecimal.ZERO);
    assertThat(row.get("ShipToNum")).isEqualTo("");
    assertThat(row.get("ReqDate")).isNull();
    assertThat(row.get("ChangeTime")).isEqualTo(0L);
    assertThat(row.get("SysRevID")).isEqualTo(1L);
    // every standard OrderRel column is present
    assertThat(row.keySet()).hasSize(EpicorSchema.standard().entitySet("OrderRels").orElseThrow().fields().size());
  }

  @Test
  void unknownFieldIsALoadErrorNamingFileSetRowAndField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"Parts":[{"Company":"EPIC06","PartNum":"A"},{"Company":"EPIC06","PartNum":"B","Weight":3}]}""");
    assertThatThrownBy(() -> EpicorDataset.load(file))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("Parts row 1")
        .hasMessageContaining("'Weight'");
  }

  @Test
  void otherLoadErrors() {
    assertThatThrownBy(() -> EpicorDataset.fromJson("{\"Orders\":[]}")).hasMessageContaining("unknown entity set 'Orders'");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"Parts":[{"Company":"EPIC06","PartNum":"A","NetWeight":"heavy"}]}"""))
        .hasMessageContaining("'NetWeight' must be a number");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"OrderRels":[{"Company":"EPIC06","OrderNum":1,"OrderLine":1,"OrderRelNum":1,"TrackingNumber_c":"1Z"}]}"""))
        .hasMessageContaining("'TrackingNumber_c'").hasMessageContaining("UDFields");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"Parts":[{"Company":"EPIC06","PartNum":"A"},{"Company":"EPIC06","PartNum":"A"}]}"""))
        .hasMessageContaining("duplicate key");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"Parts":[{"PartNum":"A"}]}""")).hasMessageContaining("key field Company");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"OrderRels":[{"Company":"EPIC06","OrderNum":1.5,"OrderLine":1,"OrderRelNum":1}]}"""))
        .hasMessageContaining("'OrderNum'");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"SalesOrders":[{"Company":"EPIC06","OrderNum":1,"OrderDate":"yesterday"}]}"""))
        .hasMessageContaining("'OrderDate'");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"UDFields":{"OrderRel":["Tracking"]}}""")).hasMessageContaining("must end with _c");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"BAQs":{"X":{"from":"OrderRels","filter":"Nope eq 1","columns":["OrderNum"]}}}"""))
        .hasMessageContaining("BAQs.X").hasMessageContaining("bad filter");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"BAQs":{"X":{"from":"OrderRels","columns":["Nope"]}}}""")).hasMessageContaining("unknown column 'Nope'");
  }

  @Test
  void updateActsLikeAUserEditInEpicor() {
    EpicorDataset ds = EpicorDataset.sample();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T13:45:10Z"));
    ds.useClock(clock);
    long before = ((Number) ds.find("OrderRels", REL_5001_1_1).orElseThrow().get("SysRevID")).longValue();
    long highest = ds.currentRevision();

    Map<String, Object> updated = ds.update("OrderRels", REL_5001_1_1, Map.of("ShipViaCode", "UP2D"));

    assertThat(updated.get("ShipViaCode")).isEqualTo("UP2D");
    assertThat(((Number) updated.get("SysRevID")).longValue()).isEqualTo(highest + 1).isGreaterThan(before);
    assertThat(updated.get("ChangeDate")).isEqualTo("2026-11-27T00:00:00");
    assertThat(updated.get("ChangeTime")).isEqualTo((long) (13 * 3600 + 45 * 60 + 10));
    assertThat(updated.get("ChangedBy")).isEqualTo("manager");

    clock.advance(Duration.ofSeconds(5));
    Map<String, Object> again = ds.update("OrderRels", REL_5001_1_1, Map.of("TrackingNumber_c", "1Z12345E0205271688"));
    assertThat(((Number) again.get("SysRevID")).longValue()).isEqualTo(highest + 2);
    assertThat(again.get("ShipViaCode")).isEqualTo("UP2D");

    assertThatThrownBy(() -> ds.update("OrderRels", REL_5001_1_1, Map.of("Bogus", 1))).hasMessageContaining("'Bogus'");
    assertThatThrownBy(() -> ds.update("OrderRels", REL_5001_1_1, Map.of("OrderNum", 9999)))
        .hasMessageContaining("cannot be changed");
  }

  @Test
  void insertAndDelete() {
    EpicorDataset ds = EpicorDataset.sample();
    long highest = ds.currentRevision();
    Map<String, Object> row = ds.insert("Parts", Map.of("Company", "EPIC06", "PartNum", "NEW-1", "NetWeight", 1.25));
    assertThat(row.get("SysRevID")).isEqualTo(highest + 1);
    assertThat(row.get("NetWeight")).isEqualTo(new BigDecimal("1.25"));
    assertThatThrownBy(() -> ds.insert("Parts", Map.of("Company", "EPIC06", "PartNum", "NEW-1")))
        .hasMessageContaining("already exists");
    assertThat(ds.delete("Parts", Map.of("Company", "EPIC06", "PartNum", "NEW-1"))).isTrue();
    assertThat(ds.find("Parts", Map.of("Company", "EPIC06", "PartNum", "NEW-1"))).isEmpty();
    assertThat(ds.delete("Parts", Map.of("Company", "EPIC06", "PartNum", "NEW-1"))).isFalse();
  }
}
