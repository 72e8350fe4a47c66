package com.epicorups.ups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void anUnmappedShipViaIsRefusedWhenConfiguredSoNoOtherCarriersReleaseGetsAUpsLabel() throws Exception {
        UpsSettings refuse = UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"serviceMap\":{\"UPS2\":\"02\"},"
                + "\"unmappedShipVia\":\"REFUSE\"}}"));
        assertThat(refuse.serviceFor("UPS2")).isEqualTo("02");
        assertThat(refuse.serviceFor(" ")).as("no ShipVia at all: the default service").isEqualTo("03");
        assertThatThrownBy(() -> refuse.serviceFor("FEDX")).isInstanceOfSatisfying(
                com.epicorups.core.ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("SHIP_VIA_NOT_UPS");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("FEDX");
                });
        assertThat(refuse.toBuilder().build().refuseUnmappedShipVia()).isTrue();
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"unmappedShipVia\":\"skip\"}}")))
                .hasMessageContaining("ups.unmappedShipVia");
    }

    @Test
    void parsesSecretAndUpsSettingsWithDefaults() throws Exception {
        UpsSettings s = UpsSettings.fromJson(json(SECRET), json("{\"epicor\":{},\"ups\":{\"warehouses\":{\"MAIN\":" + WAREHOUSE
                + "},\"serviceMap\":{\"UPS2\":\"02\"}}}"));
        assertThat(s.baseUrl().toString()).isEqualTo("https://wwwcie.ups.com");
        assertThat(s.merchantId()).isEqualTo("A1B2C3");
        assertThat(s.warehouse("MAIN").countryCode()).isEqualTo("US");
        assertThat(s.serviceFor("UPS2")).isEqualTo("02");
        assertThat(s.serviceFor("OTHER")).isEqualTo("03");
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
        UpsSettings s = UpsSettings.fromJson(json(SECRET), json("{\"warehouses\":{\"MAIN\":" + WAREHOUSE + "},"
                + "\"defaultServiceCode\":\"01\",\"packagingCode\":\"21\",\"labelFormat\":\"gif\",\"labelStockSize\":\"4x8\","
                + "\"groupReleasesByOrder\":true,\"trackAlertVersion\":\"V1\",\"trackAlertWebhookUrl\":\"https://h.example.com/x\","
                + "\"quantumViewSubscription\":\"OutboundXML\",\"tokenDailyBudget\":50,\"tokenRefreshMargin\":\"PT10M\","
                + "\"timeouts\":{\"connectMillis\":1000,\"requestMillis\":2000,\"shipMillis\":3000},\"transactionSrc\":\"x\","
                + "\"eventTimeZone\":\"America/New_York\",\"labelRecoveryNotFoundCodes\":[\"1\"]}"));
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
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"warehouses\":{\"EAST\":" + noAccount + "}}")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo("UPS_SETTINGS_INVALID");
                    assertThat(e.getMessage()).contains("ups.warehouses.EAST.accountNumber is missing");
                });
        String shortAccount = WAREHOUSE.replace("A1B2C3", "A1B2");
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"warehouses\":{\"EAST\":" + shortAccount + "}}")))
                .hasMessageContaining("exactly 6");
    }

    @Test
    void malformedValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"labelFormat\":\"PDF\"}")))
                .hasMessageContaining("ups.labelFormat");
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"tokenDailyBudget\":\"lots\"}")))
                .hasMessageContaining("ups.tokenDailyBudget");
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"trackAlertVersion\":\"V1\"}")))
                .hasMessageContaining("trackAlertWebhookUrl");
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"serviceMap\":{\"X\":\"not a code\"}}")))
                .hasMessageContaining("ups.serviceMap.X");
        assertThatThrownBy(() -> UpsSettings.fromJson(json("{\"clientId\":\"a\",\"clientSecret\":\"b\"}"), null))
                .hasMessageContaining("UpsSecret.baseUrl");
        assertThatThrownBy(() -> UpsSettings.fromJson(json("{\"baseUrl\":\"https://x\",\"clientId\":\"a\"}"), null))
                .hasMessageContaining("UpsSecret.clientSecret");
    }

    @Test
    void labelStockOtherThanWhatUpsPrintsIsAConfigurationErrorNamingTheAllowedSizes() throws Exception {
        for (String stock : new String[]{"\"6x4\"", "\"4x7\"", "{\"width\":\"8\",\"height\":\"4\"}"}) {
            assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"labelStockSize\":" + stock + "}}")))
                    .as(stock).isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo("UPS_SETTINGS_INVALID");
                        assertThat(e.getMessage()).contains("ups.labelStockSize").contains("4x6 or 4x8");
                    });
        }
        assertThat(UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"labelStockSize\":\"4x8\"}}")).labelStockHeight())
                .isEqualTo("8");
    }

    @Test
    void textTooLongFitsByDefaultAndCanRefuse() throws Exception {
        assertThat(UpsSettings.fromJson(json(SECRET), json("{\"ups\":{}}")).textTooLong())
                .isEqualTo(UpsSettings.TextTooLong.FIT);
        UpsSettings refuse = UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"textTooLong\":\"refuse\"}}"));
        assertThat(refuse.textTooLong()).isEqualTo(UpsSettings.TextTooLong.REFUSE);
        assertThat(refuse.toBuilder().build().textTooLong()).isEqualTo(UpsSettings.TextTooLong.REFUSE);
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"textTooLong\":\"TRUNCATE\"}}")))
                .hasMessage("ups.textTooLong must be FIT or REFUSE, was TRUNCATE");
    }

    @Test
    void aWarehouseCountryThatIsNotIso3166OrAPuertoRicanWarehouseWithoutStateIsRefused() throws Exception {
        String uk = WAREHOUSE.replace("\"countryCode\":\"us\"", "\"countryCode\":\"uk\"");
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"warehouses\":{\"LON\":" + uk + "}}}")))
                .hasMessageContaining("ups.warehouses.LON.address.countryCode").hasMessageContaining("UK");
        String pr = WAREHOUSE.replace("\"countryCode\":\"us\"", "\"countryCode\":\"pr\"")
                .replace("\"stateProvince\":\"GA\",", "");
        assertThatThrownBy(() -> UpsSettings.fromJson(json(SECRET), json("{\"ups\":{\"warehouses\":{\"SJU\":" + pr + "}}}")))
                .hasMessage("ups.warehouses.SJU.address.stateProvince is required for PR");
    }

    @Test
    void unknownWarehouseIsAPermanentFailure() throws Exception {
        UpsSettings s = UpsSettings.fromJson(json(SECRET), null);
        assertThatThrownBy(() -> s.warehouse("NOPE")).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.reasonCode()).isEqualTo("UNKNOWN_WAREHOUSE"));
    }

    @Test
    void toStringHidesTheSecret() throws Exception {
        assertThat(UpsSettings.fromJson(json(SECRET), null).toString()).doesNotContain("csecret").contains("***");
    }
}
