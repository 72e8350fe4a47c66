package com.epicorups.ups.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.config.ConfigException;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.ConnectorException;
import com.epicorups.port.CheckResult;
import com.epicorups.ups.UpsSettings;
import org.junit.jupiter.api.Test;

class LaneServicesTest {
    private static final String WAREHOUSE = "{\"shipperName\":\"ACME\",\"accountNumber\":\"A1B2C3\",\"phone\":\"4045551234\","
            + "\"address\":{\"lines\":[\"100 WAREHOUSE PKWY\"],\"city\":\"ATLANTA\",\"stateProvince\":\"GA\","
            + "\"postalCode\":\"30301\",\"countryCode\":\"US\"}}";

    private static UpsSettings ups(String serviceMap) {
        return ConnectorSettings.parse("{\"ups\":{\"warehouses\":{\"MAIN\":" + WAREHOUSE + "},\"serviceMap\":"
                + serviceMap + "}}").ups();
    }

    @Test
    void aPlainMappingIsOneServiceEverywhereCheckedAgainstTheLane() {
        UpsSettings s = ups("{\"UPSG\":\"03\",\"UP2D\":\"02\"}");

        assertThat(s.serviceFor("UPSG", "US", "US")).isEqualTo("03");
        assertThatThrownBy(() -> s.serviceFor("UPSG", "US", "DE")).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo("SERVICE_NOT_ON_LANE");
            assertThat(e.getMessage()).contains("ShipVia 'UPSG'").contains("service 03 (Ground)")
                    .contains("lane US -> DE").contains("international")
                    .contains("07 (Worldwide Express), 08 (Worldwide Expedited), 54 (Worldwide Express Plus), 65 (Saver)")
                    .doesNotContain("11 (Standard)");
        });
        assertThatThrownBy(() -> s.serviceFor("UP2D", "US", "CA")).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.getMessage()).contains("lane US -> CA").contains("11 (Standard)"));
        assertThatThrownBy(() -> s.serviceFor("UPSG", "US", "PR")).as("Ground to PR: the stricter reading")
                .hasMessageContaining("01 (Next Day Air), 02 (2nd Day Air)");
        assertThat(s.serviceFor("UP2D", "US", "PR")).isEqualTo("02");
    }

    @Test
    void aMappingPerDestinationClassServesEveryLaneItNames() {
        UpsSettings s = ups("{\"UPSG\":{\"domestic\":\"03\",\"canada\":\"11\",\"mexico\":\"11\",\"international\":\"65\"},"
                + "\"UP2D\":{\"domestic\":\"02\",\"canada\":\"08\"}}");

        assertThat(s.serviceFor("UPSG", "US", "US")).isEqualTo("03");
        assertThat(s.serviceFor("UPSG", "US", "CA")).isEqualTo("11");
        assertThat(s.serviceFor("UPSG", "US", "MX")).isEqualTo("11");
        assertThat(s.serviceFor("UPSG", "US", "DE")).isEqualTo("65");
        assertThat(s.serviceFor("UP2D", "US", "CA")).isEqualTo("08");
        assertThatThrownBy(() -> s.serviceFor("UP2D", "US", "MX")).hasMessageContaining(
                "ShipVia 'UP2D' has no service for mexico destinations");
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void destinationClassesFollowTheWarehousesCountry() {
        assertThat(DestinationClass.of("US", "PR")).isEqualTo(DestinationClass.DOMESTIC);
        assertThat(DestinationClass.of("CA", "CA")).isEqualTo(DestinationClass.DOMESTIC);
        assertThat(DestinationClass.of("CA", "US")).isEqualTo(DestinationClass.INTERNATIONAL);
        assertThat(DestinationClass.of("US", "MX")).isEqualTo(DestinationClass.MEXICO);
        assertThat(LaneServices.offered("CA", "US")).contains("11").doesNotContain("03");
        assertThat(LaneServices.offered("GB", "US")).as("an origin outside the table offers nothing known").isEmpty();
    }

    @Test
    void aServiceCodeThatIsNoCodeIsASettingsProblem() {
        assertThatThrownBy(() -> ups("{\"UPSG\":{\"domestic\":\"03\",\"canada\":\"standard\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ups.serviceMap.UPSG.canada is not a UPS service code");
        assertThatThrownBy(() -> ups("{\"UPSG\":{\"domestc\":\"03\"}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("domestc");
        assertThatThrownBy(() -> ups("{\"UPSG\":{}}")).hasMessageContaining("ups.serviceMap.UPSG names no service");
    }

    @Test
    void thePreflightFailsOnImpossibleMappingsAndNamesTheClassesAPlainOneLeavesOut() {
        CheckResult plain = ServiceLanesCheck.check(ups("{\"UPSG\":\"03\",\"UPSS\":\"11\"}"));
        assertThat(plain.ok()).isTrue();
        assertThat(plain.detail()).contains("UPSG (03) serves no [canada, mexico, international] releases from MAIN")
                .contains("UPSS (11) serves no [domestic, international] releases from MAIN");

        CheckResult impossible = ServiceLanesCheck.check(ups(
                "{\"UPSG\":{\"domestic\":\"03\",\"canada\":\"03\",\"international\":\"11\"},\"CDOM\":\"13X\"}"));
        assertThat(impossible.ok()).isFalse();
        assertThat(impossible.missing()).anySatisfy(m -> assertThat(m).startsWith("UPSG -> 03 canada from MAIN (US -> CA"))
                .anySatisfy(m -> assertThat(m).startsWith("UPSG -> 11 international from MAIN (US -> DE"))
                .anySatisfy(m -> assertThat(m).contains("CDOM -> 13X is offered on no lane from MAIN"));
        assertThat(impossible.fix()).contains("\"canada\": \"11\"");

        CheckResult torontoWarehouse = ServiceLanesCheck.check(ConnectorSettings.parse("{\"ups\":{\"warehouses\":{\"TOR\":"
                + WAREHOUSE.replace("\"GA\"", "\"ON\"").replace("30301", "M5V 3G5").replace("\"US\"", "\"CA\"")
                + "},\"serviceMap\":{\"UPSS\":\"11\"}}}").ups());
        assertThat(torontoWarehouse.ok()).as("the default 03 serves no lane from Canada: reported, not a failure").isTrue();
        assertThat(torontoWarehouse.detail()).contains("(default) (03) serves no [domestic, mexico, international] releases from TOR")
                .contains("UPSS (11) serves no [mexico, international] releases from TOR");
    }
}
