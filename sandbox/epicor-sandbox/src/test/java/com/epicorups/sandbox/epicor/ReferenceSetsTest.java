package com.epicorups.sandbox.epicor;

import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static com.epicorups.sandbox.epicor.TestHttp.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Warehses (Erp.BO.WarehseSvc), ShipVias (Erp.BO.ShipViaSvc) and Countries (Erp.BO.CountrySvc): the sets a preflight reads. */
class ReferenceSetsTest {

  @RegisterExtension
  static final SampleSandbox SAMPLE = new SampleSandbox();
  private final TestHttp http = SAMPLE.http();

  private List<String> column(String url, String name) {
    TestHttp.Reply reply = http.get(url);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    reply.json().get("value").forEach(row -> values.add(row.get(name).asText()));
    return values;
  }

  @Test
  void theSampleServesItsWarehousesShipViasAndCountries() {
    assertThat(column(http.api("Erp.BO.WarehseSvc/Warehses?$select=WarehouseCode,Plant"), "WarehouseCode"))
        .containsExactly("ATL", "CHI", "RNO");
    assertThat(column(http.api("Erp.BO.ShipViaSvc/ShipVias?$select=ShipViaCode"), "ShipViaCode"))
        .containsExactlyInAnyOrder("UPSG", "UP2D", "UPSN", "UPSS", "UPSX", "FEDX");
    assertThat(column(http.api("Erp.BO.CountrySvc/Countries?$select=CountryNum,ISOCode&$orderby=CountryNum"), "ISOCode"))
        .containsExactly("US", "CA", "MX", "DE", "GB", "PR");

    JsonNode chi = http.get(http.api("Erp.BO.WarehseSvc/Warehses('EPIC06','CHI')")).json();
    assertThat(chi.get("Plant").asText()).isEqualTo("MfgSys");
    assertThat(chi.get("CountryNum").isIntegralNumber()).isTrue();
    assertThat(chi.get("SysRevID").isIntegralNumber()).isTrue();
    assertThat(http.get(http.api("Erp.BO.ShipViaSvc/ShipVias('EPIC06','UPSN')")).json().get("Description").asText())
        .isEqualTo("UPS Next Day Air");
    assertEpicorError(http.get(http.api("Erp.BO.WarehseSvc/Warehses('EPIC06','NOPE')")), 404,
        EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void aPreflightChecksConfiguredCodesWithOneFilteredRead() {
    List<String> found = column(http.api("Erp.BO.ShipViaSvc/ShipVias?$select=ShipViaCode&$filter="
        + q("ShipViaCode in ('UPSG','UP2D','UPSN','UPSX','UPSS','UPS3')")), "ShipViaCode");
    assertThat(found).hasSize(5).doesNotContain("UPS3");
    assertThat(column(http.api("Erp.BO.WarehseSvc/Warehses?$select=WarehouseCode&$filter="
        + q("WarehouseCode eq 'CHI' or WarehouseCode eq 'DAL'")), "WarehouseCode")).containsExactly("CHI");
  }

  @Test
  void aPartsOriginCountryNumberMapsToAnIsoCodeThroughCountries() {
    JsonNode motor = http.get(http.api("Erp.BO.PartSvc/Parts('EPIC06','MOTOR-5HP')?$select=ISOrigCountryNum")).json();
    int countryNum = motor.get("ISOrigCountryNum").asInt();
    JsonNode country = http.get(http.api("Erp.BO.CountrySvc/Countries('EPIC06'," + countryNum + ")?$select=ISOCode"))
        .json();
    assertThat(country.get("ISOCode").asText()).isEqualTo("DE");
  }

  @Test
  void eachServiceHasItsOwnMetadataAndServiceDocument() {
    String countries = http.get(http.api("Erp.BO.CountrySvc/$metadata")).body();
    assertThat(countries).contains("<EntitySet Name=\"Countries\" EntityType=\"Erp.Tablesets.CountryRow\"")
        .contains("<Property Name=\"ISOCode\" Type=\"Edm.String\"")
        .contains("<Property Name=\"CountryNum\" Type=\"Edm.Int32\"")
        .doesNotContain("Warehses").doesNotContain("OrderRel");
    assertThat(http.get(http.api("Erp.BO.WarehseSvc/$metadata")).body())
        .contains("<EntitySet Name=\"Warehses\"").contains("<PropertyRef Name=\"WarehouseCode\"/>");
    assertThat(http.get(http.api("Erp.BO.ShipViaSvc/$metadata")).body()).contains("<EntitySet Name=\"ShipVias\"");
    String orders = http.get(http.api("Erp.BO.SalesOrderSvc/$metadata")).body();
    assertThat(orders).contains("<EntitySet Name=\"OrderRels\"").doesNotContain("<EntitySet Name=\"Parts\"")
        .doesNotContain("BAQ_");

    JsonNode document = http.get(http.api("Erp.BO.SalesOrderSvc")).json();
    assertThat(document.get("@odata.context").asText()).endsWith("/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/$metadata");
    List<String> sets = new ArrayList<>();
    document.get("value").forEach(set -> sets.add(set.get("name").asText()));
    assertThat(sets).containsExactly("SalesOrders", "OrderDtls", "OrderRels");
    assertEpicorError(http.get(http.api("Erp.BO.NopeSvc/$metadata")), 404, EpicorApiException.NOT_FOUND_EXCEPTION);
  }

  @Test
  void aDatasetFileCarryingCountriesWarehousesAndShipViasLoads(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("export.json");
    Files.writeString(file, """
        {"Company":"ACME",
         "Countries":[{"CountryNum":1,"Description":"USA","ISOCode":"US"},
                      {"CountryNum":42,"Description":"Netherlands","ISOCode":"NL","EUMember":true}],
         "Warehses":[{"WarehouseCode":"MAIN","Description":"Main","Plant":"MfgSys","CountryNum":1}],
         "ShipVias":[{"ShipViaCode":"UPSG","Description":"UPS Ground"}],
         "Parts":[{"PartNum":"VALVE","ISOrigCountryNum":42}]}""");
    try (EpicorSandbox sandbox = EpicorSandbox.builder().dataset(EpicorDataset.load(file)).build().start()) {
      TestHttp acme = new TestHttp(sandbox);
      acme.company = "ACME";
      JsonNode nl = acme.get(acme.api("Erp.BO.CountrySvc/Countries('ACME',42)")).json();
      assertThat(nl.get("ISOCode").asText()).isEqualTo("NL");
      assertThat(nl.get("EUMember").asBoolean()).isTrue();
      assertThat(nl.get("DefaultCountry").asBoolean()).as("omitted columns take Epicor defaults").isFalse();
      assertThat(acme.get(acme.api("Erp.BO.WarehseSvc/Warehses?$select=WarehouseCode")).json().get("value")).hasSize(1);
      assertThat(acme.get(acme.api("Erp.BO.ShipViaSvc/ShipVias")).json().get("value")).hasSize(1);
    }
  }

  @Test
  void countryRowsAreTypedLikeEveryOtherSet() {
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"Countries":[{"Company":"EPIC06","CountryNum":"one","ISOCode":"US"}]}"""))
        .isInstanceOf(DatasetException.class).hasMessageContaining("Countries row 0").hasMessageContaining("CountryNum");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"Countries":[{"Company":"EPIC06","ISOCode":"US"}]}"""))
        .hasMessageContaining("key field CountryNum is missing");
    assertThatThrownBy(() -> EpicorDataset.fromJson("""
        {"Countries":[{"Company":"EPIC06","CountryNum":1,"ISO2":"US"}]}"""))
        .hasMessageContaining("'ISO2'");
  }
}
