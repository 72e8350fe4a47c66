package com.epicorups.ups;

import com.epicorups.ups.service.ShipViaService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.config.ConfigException;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpsSettingsTest {
    static final String SECRET = "{\"baseUrl\":\"https://wwwcie.ups.com/\",\"clientId\":\"cid\",\"clientSecret\":\"csecret\",\"merchantId\":\"A1B2C3\"}";
    static final String WAREHOUSE = "{\"shipperName\":\"ACME\",\"attentionName\":\"DOCK\",\"accountNumber\":\"A1B2C3\","
            + "\"phone\":\"404-555-1234\",\"address\":{\"lines\":[\"100 WAREHOUSE PKWY\"],\"city\":\"ATLANTA\","
            + "\"stateProvince\":\"GA\",\"postalCode\":\"30301\",\"countryCode\":\"us\"}}";

    static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    /** The ups section of CONNECTOR_SETTINGS (the whole document when it has a "ups" key). */
    static UpsSettings ups(String json) {
        return ConnectorSettings.parse(json.contains("\"ups\"") ? json : "{\"ups\":" + json + "}").ups();
    }

    static UpsSecret secret(String json) throws Exception {
        return UpsSecret.parse(json(json));
    }

    @Test
    void anUnmappedShipViaIsRefusedWhenConfiguredSoNoOtherCarriersReleaseGetsAUpsLabel() throws Exception {
        UpsSettings refuse = ups("{\"ups\":{\"serviceMap\":{\"UPS2\":\"02\"},"
                + "\"unmappedShipVia\":\"REFUSE\"}}");
        assertThat(refuse.serviceFor("UPS2")).isEqualTo(ShipViaService.of("02"));
        assertThat(refuse.serviceFor(" ")).as("no ShipVia at all: the default service").isEqualTo(ShipViaService.of("03"));
        assertThatThrownBy(() -> refuse.serviceFor("FEDX")).isInstanceOfSatisfying(
                com.epicorups.core.ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("SHIP_VIA_NOT_UPS");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("FEDX");
                });
        assertThat(refuse.toBuilder().build().refuseUnmappedShipVia()).isTrue();
        assertThatThrownBy(() -> ups("{\"ups\":{\"unmappedShipVia\":\"skip\"}}"))
                .hasMessageContaining("ups.unmappedShipVia");
    }

    @Test
    void parsesSecretAndUpsSettingsWithDefaults() throws Exception {
        UpsSettings s = ups("{\"epicor\":{},\"ups\":{\"warehouses\":{\"MAIN\":" + WAREHOUSE
                + "},\"serviceMap\":{\"UPS2\":\"02\"}}}");
        assertThat(s.warehouse("MAIN").countryCode()).isEqualTo("US");
        assertThat(s.serviceFor("UPS2")).isEqualTo(ShipViaService.of("02"));
        assertThat(s.serviceFor("OTHER")).isEqualTo(ShipViaService.of("03"));
        assertThat(s.packagingCode()).isEqualTo("02");
        assertThat(s.labelFormat()).isEqualTo(UpsSettings.LabelFormat.ZPL);
        assertThat(s.groupReleasesByOrder()).isFalse();
        assertThat(s.trackAlertVersion()).isEqualTo(UpsSettings.TrackAlertVersion.V2);
        assertThat(s.tokenDailyBudget()).isEqualTo(200);
        assertThat(s.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.transactionSrc()).isEqualTo("epicor-ups-connector");
    }

    @Test
    void parsesEveryOptionalKey() throws Exception {
        UpsSettings s = ups("{\"warehouses\":{\"MAIN\":" + WAREHOUSE + "},"
                + "\"defaultServiceCode\":\"01\",\"packagingCode\":\"21\",\"labelFormat\":\"gif\",\"labelStockSize\":\"4x8\","
                + "\"groupReleasesByOrder\":true,\"trackAlertVersion\":\"V1\",\"trackAlertWebhookUrl\":\"https://h.example.com/x\","
                + "\"quantumViewSubscription\":\"OutboundXML\",\"tokenDailyBudget\":50,\"tokenRefreshMargin\":\"PT10M\","
                + "\"timeouts\":{\"connectMillis\":1000,\"requestMillis\":2000,\"shipMillis\":3000},\"transactionSrc\":\"x\","
                + "\"eventTimeZone\":\"America/New_York\",\"labelRecoveryNotFoundCodes\":[\"1\"]}");
        assertThat(s.defaultServiceCode()).isEqualTo("01");
        assertThat(s.labelFormat()).isEqualTo(UpsSettings.LabelFormat.GIF);
        assertThat(s.labelStockHeight()).isEqualTo("8");
        assertThat(s.groupReleasesByOrder()).isTrue();
        assertThat(s.trackAlertVersion()).isEqualTo(UpsSettings.TrackAlertVersion.V1);
        assertThat(s.tokenDailyBudget()).isEqualTo(50);
        assertThat(s.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.shipTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.labelRecoveryNotFoundCodes()).containsExactly("1");
    }

    @Test
    void warehouseWithoutAccountNumberSaysSo() throws Exception {
        String noAccount = WAREHOUSE.replace("\"accountNumber\":\"A1B2C3\",", "");
        // Found when the function starts (CONNECTOR_SETTINGS), no longer at the first shipment.
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"EAST\":" + noAccount + "}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo("CONFIG_INVALID");
                    assertThat(e.getMessage()).contains("ups.warehouses.EAST.accountNumber is missing");
                });
        String shortAccount = WAREHOUSE.replace("A1B2C3", "A1B2");
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"EAST\":" + shortAccount + "}}"))
                .hasMessageContaining("exactly 6");
    }

    @Test
    void malformedValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> ups("{\"labelFormat\":\"PDF\"}"))
                .hasMessageContaining("ups.labelFormat");
        assertThatThrownBy(() -> ups("{\"tokenDailyBudget\":\"lots\"}"))
                .hasMessageContaining("ups.tokenDailyBudget");
        assertThatThrownBy(() -> ups("{\"trackAlertVersion\":\"V1\"}"))
                .hasMessageContaining("trackAlertWebhookUrl");
        assertThatThrownBy(() -> ups("{\"serviceMap\":{\"X\":\"not a code\"}}"))
                .hasMessageContaining("ups.serviceMap.X");
        assertThatThrownBy(() -> secret("{\"clientId\":\"a\",\"clientSecret\":\"b\"}"))
                .hasMessageContaining("UpsSecret.baseUrl");
        assertThatThrownBy(() -> secret("{\"baseUrl\":\"https://x\",\"clientId\":\"a\"}"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo("UPS_SETTINGS_INVALID");
                    assertThat(e.getMessage()).isEqualTo("UpsSecret.clientSecret is missing");
                });
    }

    @Test
    void labelStockOtherThanWhatUpsPrintsIsAConfigurationErrorNamingTheAllowedSizes() {
        for (String stock : new String[]{"\"6x4\"", "\"4x7\"", "{\"width\":\"8\",\"height\":\"4\"}"}) {
            assertThatThrownBy(() -> ups("{\"labelStockSize\":" + stock + "}"))
                    .as(stock).isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo("CONFIG_INVALID");
                        assertThat(e.getMessage()).contains("ups.labelStockSize").contains("4x6 or 4x8");
                    });
        }
        assertThat(ups("{\"labelStockSize\":\"4x8\"}").labelStockHeight()).isEqualTo("8");
    }

    @Test
    void textTooLongFitsByDefaultAndCanRefuse() {
        assertThat(ups("{}").textTooLong()).isEqualTo(UpsSettings.TextTooLong.FIT);
        UpsSettings refuse = ups("{\"textTooLong\":\"refuse\"}");
        assertThat(refuse.textTooLong()).isEqualTo(UpsSettings.TextTooLong.REFUSE);
        assertThat(refuse.toBuilder().build().textTooLong()).isEqualTo(UpsSettings.TextTooLong.REFUSE);
        assertThatThrownBy(() -> ups("{\"textTooLong\":\"TRUNCATE\"}"))
                .hasMessageContaining("ups.textTooLong").hasMessageContaining("FIT").hasMessageContaining("REFUSE")
                .hasMessageContaining("TRUNCATE");
    }

    @Test
    void aWarehouseCountryThatIsNotIso3166OrAPuertoRicanWarehouseWithoutStateIsRefused() {
        String uk = WAREHOUSE.replace("\"countryCode\":\"us\"", "\"countryCode\":\"uk\"");
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"LON\":" + uk + "}}"))
                .hasMessageContaining("ups.warehouses.LON.address.countryCode").hasMessageContaining("UK");
        String pr = WAREHOUSE.replace("\"countryCode\":\"us\"", "\"countryCode\":\"pr\"")
                .replace("\"stateProvince\":\"GA\",", "");
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"SJU\":" + pr + "}}"))
                .hasMessageContaining("ups.warehouses.SJU.address.stateProvince is required for PR");
    }

    @Test
    void labelRecoveryReadsNoAnswerAsNothingFoundUnlessItsCodeIsConfigured() {
        assertThat(ups("{}").labelRecoveryNotFoundCodes()).isEmpty();
        assertThat(UpsSettings.builder().labelRecoveryNotFoundCode("SBX0801").build().labelRecoveryNotFoundCodes())
                .containsExactly("SBX0801");
    }

    @Test
    void theMaxPackageWeightDefaultsToUpsOwnAndMayOnlyBeLowered() {
        assertThat(ups("{}").maxPackageWeight()).isNull();
        assertThat(ups("{\"maxPackageWeight\":\"50 LBS\"}").maxPackageWeight())
                .isEqualTo(new UpsSettings.PackageWeight(new java.math.BigDecimal("50"), com.epicorups.model.WeightUnit.LBS));
        assertThat(ups("{\"maxPackageWeight\":{\"value\":23,\"unit\":\"KGS\"}}").maxPackageWeight().toString())
                .isEqualTo("23 KGS");
        assertThat(ups("{\"maxPackageWeight\":\"30 kg\"}").toBuilder().build().maxPackageWeight().toString())
                .isEqualTo("30 KGS");
        assertThatThrownBy(() -> ups("{\"maxPackageWeight\":\"151 LBS\"}"))
                .hasMessageContaining("ups.maxPackageWeight must be more than 0 and at most 150 LBS");
        assertThatThrownBy(() -> ups("{\"maxPackageWeight\":\"71 KGS\"}"))
                .hasMessageContaining("at most 70 KGS");
        assertThatThrownBy(() -> ups("{\"maxPackageWeight\":\"0 LBS\"}")).hasMessageContaining("ups.maxPackageWeight");
        assertThatThrownBy(() -> ups("{\"maxPackageWeight\":\"heavy\"}"))
                .hasMessageContaining("ups.maxPackageWeight").hasMessageContaining("50 LBS");
    }

    @Test
    void addressValidationIsRequiredByDefaultAndCanBeBestEffortOrOff() {
        assertThat(ups("{}").addressValidation()).isEqualTo(UpsSettings.AddressValidationMode.REQUIRED);
        assertThat(ups("{\"addressValidation\":\"best_effort\"}").addressValidation())
                .isEqualTo(UpsSettings.AddressValidationMode.BEST_EFFORT);
        assertThat(ups("{\"addressValidation\":\"OFF\"}").toBuilder().build().addressValidation())
                .isEqualTo(UpsSettings.AddressValidationMode.OFF);
        assertThatThrownBy(() -> ups("{\"addressValidation\":\"SOMETIMES\"}"))
                .hasMessageContaining("ups.addressValidation").hasMessageContaining("BEST_EFFORT");
    }

    @Test
    void unknownWarehouseIsAPermanentFailure() throws Exception {
        UpsSettings s = ups("{}");
        assertThatThrownBy(() -> s.warehouse("NOPE")).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.reasonCode()).isEqualTo("UNKNOWN_WAREHOUSE"));
    }

    @Test
    void toStringHidesTheSecret() throws Exception {
        assertThat(secret(SECRET).toString()).doesNotContain("csecret").contains("***");
    }

    @Test
    void anUnknownKeyInTheSecretIsNamedWithoutItsValue() {
        assertThatThrownBy(() -> secret(SECRET.replace("\"clientSecret\"", "\"client_secret\"")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
                        .contains("UpsSecret has an unknown key \"client_secret\": did you mean \"clientSecret\"?")
                        .contains("UpsSecret.clientSecret is missing").doesNotContain("csecret"));
    }

    @Test
    void oneWarehouseReportsAllItsProblemsAndTheWarehouseCode() {
        String bad = "{\"shipperName\":\"A VERY LONG SHIPPER NAME THAT UPS WILL NOT TAKE\",\"accountNumber\":\"A1B2\","
                + "\"address\":{\"lines\":[],\"countryCode\":\"USA\"}}";
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"EAST\":" + bad + "}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "ups.warehouses.EAST.accountNumber must be exactly 6 letters or digits, was 'A1B2'",
                        "ups.warehouses.EAST.shipperName is longer than UPS's 35 characters",
                        "ups.warehouses.EAST.address.lines must hold 1 to 3 lines",
                        "ups.warehouses.EAST.address.city is missing",
                        "ups.warehouses.EAST.address.countryCode must be a 2-letter ISO 3166 code (GB, not UK), was 'USA'"));
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"EAST\":{\"shipperName\":\"ACME\",\"accountNumber\":\"A1B2C3\"}}}"))
                .hasMessageContaining("ups.warehouses.EAST.address is missing (lines, city, stateProvince, postalCode, countryCode)");
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"EAST\":\"ACME\"}}"))
                .hasMessageContaining("ups.warehouses.EAST must be an object");
        assertThatThrownBy(() -> ups("{\"warehouses\":[]}"))
                .hasMessageContaining("ups.warehouses must be an object {warehouseCode: {...}}");
        assertThatThrownBy(() -> ups("{\"warehouses\":{\"EAST\":{\"shipperName\":{\"name\":\"ACME\"}}}}"))
                .hasMessageContaining("ups.warehouses.EAST.shipperName must be a string");
    }

    @Test
    void durationsStockSizesAndTimeZonesAreReadInTheirWrittenForms() {
        UpsSettings s = ups("{\"tokenRefreshMargin\":600,\"tokenThrottleBlock\":\"90\",\"labelStockSize\":{\"height\":\"8\"},"
                + "\"quantumViewMaxPages\":\"7\",\"unmappedShipVia\":\"refuse\",\"labelFormat\":\" epl \"}");
        assertThat(s.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.tokenThrottleBlock()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.labelStockWidth()).isEqualTo("4");
        assertThat(s.labelStockHeight()).isEqualTo("8");
        assertThat(s.quantumViewMaxPages()).isEqualTo(7);
        assertThat(s.refuseUnmappedShipVia()).isTrue();
        assertThat(s.labelFormat()).isEqualTo(UpsSettings.LabelFormat.EPL);
        assertThatThrownBy(() -> ups("{\"labelStockSize\":\"4x6x8\",\"tokenRefreshMargin\":\"soon\","
                + "\"eventTimeZone\":\"Mars/Olympus\"}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "ups.labelStockSize must be like \"4x6\" (width x height), was 4x6x8",
                        "ups.tokenRefreshMargin must be seconds or an ISO-8601 duration (PT5M), was \"soon\"",
                        "ups.eventTimeZone is not a time zone id: Mars/Olympus"));
    }

    @Test
    void customsSettingsDefaultToTheLawAndTheirMistakesAreNamed() {
        com.epicorups.ups.customs.CustomsSettings defaults = ups("{}").customs();
        assertThat(defaults.paperlessInvoice()).isTrue();
        assertThat(defaults.reasonForExport()).isEqualTo("SALE");
        assertThat(defaults.eeiThresholdUsd()).isEqualByComparingTo("2500");
        assertThat(defaults.eeiExemptDestinations()).containsExactly("CA");
        assertThat(defaults.licenceRequiredEccns()).isEmpty();
        assertThat(defaults.needsLicence("EAR99")).isFalse();

        UpsSettings s = ups("{\"customs\":{\"termsOfShipment\":\"dap\",\"licenceRequiredEccns\":[\" 3a001 \"],"
                + "\"usdRates\":{\"eur\":\"1.080\"},\"eeiThresholdUsd\":\"2500.00\"}}");
        assertThat(s.customs().termsOfShipment()).isEqualTo("DAP");
        assertThat(s.customs().needsLicence("3A001")).isTrue();
        assertThat(s.customs().usdRates()).containsEntry("EUR", new java.math.BigDecimal("1.08"));
        assertThat(s.customs()).isEqualTo(s.toBuilder().build().customs());

        assertThatThrownBy(() -> ups("{\"customs\":{\"termsOfShipment\":\"XYZ\",\"defaultOriginCountry\":\"UK\","
                + "\"eeiThresholdUsd\":-1,\"eeiExemptDestinations\":[\"CAN\"],\"usdRates\":{\"EUR\":0},"
                + "\"reasonForExport\":\"A REASON LONGER THAN TWENTY\",\"colour\":\"red\"}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(String.join("\n", e.problems()))
                        .contains("ups.customs.colour").contains("ups.customs.termsOfShipment must be one of")
                        .contains("ups.customs.defaultOriginCountry must be an ISO 3166-1 alpha-2 code, was UK")
                        .contains("ups.customs.eeiThresholdUsd must not be negative")
                        .contains("ups.customs.eeiExemptDestinations has 'CAN'")
                        .contains("ups.customs.usdRates.EUR must be above 0")
                        .contains("ups.customs.reasonForExport is longer than UPS's 20 characters"));
    }

    @Test
    void aBuilderRoundTripsEverySetting() throws Exception {
        UpsSettings s = ups("{\"warehouses\":{\"MAIN\":" + WAREHOUSE + "},\"serviceMap\":{\"UPS2\":\"02\"},"
                + "\"unmappedShipVia\":\"REFUSE\",\"labelStockSize\":\"4x8\",\"tokenRefreshMargin\":\"PT10M\","
                + "\"timeouts\":{\"shipMillis\":3000},\"eventTimeZone\":\"America/Chicago\"}");
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.warehouse("MAIN").code()).isEqualTo("MAIN");
        assertThat(UpsSettings.builder().warehouse(s.warehouse("MAIN")).build().warehouse("MAIN"))
                .isEqualTo(s.warehouse("MAIN"));
    }
}
