package com.epicorups.config;

import com.epicorups.ups.service.ShipViaService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.epicorups.core.FailureKind;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.ups.UpsSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {
    @Test
    void handsOutEachSectionTyped() {
        ConnectorSettings settings = ConnectorSettings.parse("""
                {"epicor": {"pageSize": 200},
                 "ups": {"defaultService": "01", "serviceMap": {"UPSG": "03", "UPS2": "02"}},
                 "pipeline": {"claimLeaseSeconds": 300}}
                """);

        assertThat(settings.epicor().pageSize()).isEqualTo(200);
        assertThat(settings.ups().serviceMap()).containsEntry("UPS2", ShipViaService.of("02"));
        assertThat(settings.ups().defaultServiceCode()).as("defaultService is an alias").isEqualTo("01");
        assertThat(settings.pipeline().claimLease()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void missingBlankOrNullMeansEveryDefault() {
        for (ConnectorSettings settings : new ConnectorSettings[] {ConnectorSettings.parse(null),
                ConnectorSettings.parse("  "), ConnectorSettings.parse("{}"), ConnectorSettings.empty(),
                ConnectorSettings.from(Map.of()), ConnectorSettings.parse("{\"ups\": null}")}) {
            assertThat(settings.epicor()).isEqualTo(EpicorSettings.defaults());
            assertThat(settings.ups()).isEqualTo(UpsSettings.defaults());
            assertThat(settings.pipeline()).isEqualTo(PipelineSettings.defaults());
        }
        assertThat(ConnectorSettings.parse("{\"epicor\":{\"pageSize\":null},\"ups\":{\"labelFormat\":null}}"))
                .as("a null value counts as absent").isEqualTo(ConnectorSettings.empty());
    }

    @Test
    void readsTheEnvironmentVariable() {
        ConnectorSettings settings = ConnectorSettings.from(Map.of("CONNECTOR_SETTINGS", "{\"ups\":{\"labelFormat\":\"GIF\"}}"));

        assertThat(settings.ups().labelFormat()).isEqualTo(UpsSettings.LabelFormat.GIF);
    }

    @Test
    void sectionsCannotBeChangedSoOneClientCannotChangeAnothersView() {
        ConnectorSettings settings = ConnectorSettings.parse("{\"ups\":{\"serviceMap\":{\"UPSG\":\"03\"}}}");

        assertThatThrownBy(() -> settings.ups().serviceMap().put("UPSG", ShipViaService.of("01")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> settings.epicor().upsShipViaCodes().add("FEDX"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(settings.ups().serviceFor("UPSG")).isEqualTo(ShipViaService.of("03"));
    }

    @Test
    void malformedJsonNamesTheVariableAndThePosition() {
        assertThatThrownBy(() -> ConnectorSettings.parse("{\"ups\": {\"defaultService\": 03,}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid configuration: CONNECTOR_SETTINGS is not valid JSON at line 1, column")
                .hasMessageContaining("set it to a JSON object");
    }

    @Test
    void trailingTextAndDuplicateKeysAreRejected() {
        assertThatThrownBy(() -> ConnectorSettings.parse("{} {}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ConnectorSettings.parse("{\"ups\":{},\"ups\":{}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void wrongShapesAreNamed() {
        assertThatThrownBy(() -> ConnectorSettings.parse("[1,2]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CONNECTOR_SETTINGS must be a JSON object")
                .hasMessageContaining("is a JSON array");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConnectorSettings.parse("{\"upss\":{}, \"epicor\": \"x\", \"pipeline\": 3, \"carrier\": {}}"));
        assertThat(error.problems()).containsExactlyInAnyOrder(
                "CONNECTOR_SETTINGS has an unknown key \"upss\": did you mean \"ups\"?",
                "CONNECTOR_SETTINGS has an unknown key \"carrier\": the known keys are \"epicor\", \"ups\" and \"pipeline\"",
                "CONNECTOR_SETTINGS key \"epicor\" must be a JSON object, but is a JSON string",
                "CONNECTOR_SETTINGS key \"pipeline\" must be a JSON object, but is a JSON number");
    }

    @Test
    void aMisspeltKeyIsAConfigurationErrorNamingItWhereItIsAndTheKeyItWasMeantToBe() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConnectorSettings.parse("{\"ups\":{\"groupReleasesByOrdr\":true}}"));

        assertThat(error.reasonCode()).isEqualTo("CONFIG_INVALID");
        assertThat(error.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(error.problems()).containsExactly(
                "CONNECTOR_SETTINGS has an unknown key \"ups.groupReleasesByOrdr\": did you mean \"groupReleasesByOrder\"?");
    }

    @Test
    void unknownKeysAreFoundInEverySectionAndNestedObjectAndReportedTogether() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConnectorSettings.parse("""
                {"epicor": {"pageSze": 50, "writeBack": {"targt": "CUST_SHIP"}},
                 "ups": {"tokenDailyBudgt": 10, "timeouts": {"shipMilis": 1000},
                         "warehouses": {"CHI": {"shipperName": "ACME", "account": "A1B2C3",
                                                "address": {"lines": ["1 Main St"], "citty": "Chicago",
                                                            "stateProvince": "IL", "countryCode": "US"}}}},
                 "pipeline": {"claimLease": 600}}
                """));

        assertThat(error.problems()).contains(
                "CONNECTOR_SETTINGS has an unknown key \"epicor.pageSze\": did you mean \"pageSize\"?",
                "CONNECTOR_SETTINGS has an unknown key \"epicor.writeBack.targt\": did you mean \"target\"?",
                "CONNECTOR_SETTINGS has an unknown key \"ups.tokenDailyBudgt\": did you mean \"tokenDailyBudget\"?",
                "CONNECTOR_SETTINGS has an unknown key \"ups.timeouts.shipMilis\": did you mean \"shipMillis\"?",
                "CONNECTOR_SETTINGS has an unknown key \"ups.warehouses.CHI.account\": did you mean \"accountNumber\"?",
                "CONNECTOR_SETTINGS has an unknown key \"ups.warehouses.CHI.address.citty\": did you mean \"city\"?",
                "CONNECTOR_SETTINGS has an unknown key \"pipeline.claimLease\": did you mean \"claimLeaseSeconds\"?");
        assertThat(error.problems()).as("the warehouse's misspelt account also leaves it without one")
                .contains("ups.warehouses.CHI.accountNumber is missing: every warehouse needs its 6-character UPS account");
        assertThat(error.getMessage()).startsWith("Invalid configuration (" + error.problems().size() + " problems):");
    }

    @Test
    void aKeyCloseToNoneIsListedWithTheKnownKeys() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> ConnectorSettings.parse("{\"ups\":{\"timeouts\":{\"readMillis\":1000}}}"));

        assertThat(error.problems()).containsExactly("CONNECTOR_SETTINGS has an unknown key \"ups.timeouts.readMillis\": "
                + "the known keys are \"connectMillis\", \"requestMillis\" and \"shipMillis\"");
    }

    @Test
    void theKeysOfMapsAreTheUsersOwn() {
        ConnectorSettings settings = ConnectorSettings.parse("""
                {"ups": {"serviceMap": {"UPS GROUND": "03", "groupReleasesByOrdr": "02"},
                         "warehouses": {"pageSize": {"shipperName": "ACME", "accountNumber": "A1B2C3",
                                        "address": {"lines": "1 Main St", "city": "Chicago", "stateProvince": "IL",
                                                    "countryCode": "us"}}}},
                 "epicor": {"writeBack": {"fields": {"status": "TrackStat_c"}}}}
                """);

        assertThat(settings.ups().serviceFor("UPS GROUND")).isEqualTo(ShipViaService.of("03"));
        assertThat(settings.ups().serviceFor("groupReleasesByOrdr")).isEqualTo(ShipViaService.of("02"));
        assertThat(settings.ups().warehouse("pageSize").countryCode()).isEqualTo("US");
        assertThat(settings.ups().warehouse("pageSize").lines()).containsExactly("1 Main St");
        assertThat(settings.epicor().writeBack().status()).isEqualTo("TrackStat_c");
    }

    @Test
    void everyProblemOfTheDocumentIsReportedAtOnceAcrossSections() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConnectorSettings.parse("""
                {"epicor": {"pageSize": "ten", "weightUnit": "TONS", "maxAttempts": 0},
                 "ups": {"labelFormat": "PDF", "tokenDailyBudget": 0, "declaredValue": "yes"},
                 "pipeline": {"batchConcurrency": 0}}
                """));

        assertThat(error.problems()).containsExactlyInAnyOrder(
                "Epicor setting 'epicor.pageSize' must be a whole number, was \"ten\"",
                "Epicor setting 'epicor.weightUnit' must be one of [LBS, KGS], was 'TONS'",
                "Epicor setting 'epicor.maxAttempts' must be between 1 and 10, was 0",
                "ups.labelFormat must be GIF, ZPL or EPL, was PDF",
                "ups.tokenDailyBudget must be at least 1, was 0",
                "ups.declaredValue must be true or false, was \"yes\"",
                "CONNECTOR_SETTINGS.pipeline.batchConcurrency must be between 1 and 50, got 0");
    }

    /** ups.bestWay.{code}.byNeedByDate (issue 20): read as a boolean, strict like every setting (decision 0023). */
    @Test
    void aBestWayRuleMayBeLimitedByTheReleasesNeedByDateWithMaxTransitDaysAsItsFallback() {
        ConnectorSettings settings = ConnectorSettings.parse("""
                {"ups": {"bestWay": {"UPBW": {"byNeedByDate": true, "maxTransitDays": 3}, "UPB2": {"maxTransitDays": 2}}}}
                """);
        assertThat(settings.ups().bestWay().get("UPBW").limitedByNeedByDate()).isTrue();
        assertThat(settings.ups().bestWay().get("UPBW").maxTransitDays()).isEqualTo(3);
        assertThat(settings.ups().bestWay().get("UPB2").limitedByNeedByDate()).isFalse();

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConnectorSettings.parse("""
                {"ups": {"bestWay": {"UPBW": {"byNeedByDate": "soon"}, "UPB2": {"needByDate": true}}}}
                """));
        assertThat(error.problems()).anySatisfy(p -> assertThat(p)
                .isEqualTo("ups.bestWay.UPBW.byNeedByDate must be true or false, was \"soon\""));
        assertThat(error.problems()).contains(
                "CONNECTOR_SETTINGS has an unknown key \"ups.bestWay.UPB2.needByDate\": did you mean \"byNeedByDate\"?");
    }
}
