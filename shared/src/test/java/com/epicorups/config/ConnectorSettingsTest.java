package com.epicorups.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {
    @Test
    void handsOutEachSectionAsJson() {
        ConnectorSettings settings = ConnectorSettings.parse("""
                {"epicor": {"pageSize": 200},
                 "ups": {"defaultService": "03", "serviceMap": {"UPSG": "03", "UPS2": "02"}},
                 "pipeline": {"claimLeaseSeconds": 300}}
                """);

        assertThat(settings.epicor().path("pageSize").asInt()).isEqualTo(200);
        assertThat(settings.ups().path("serviceMap").path("UPS2").asText()).isEqualTo("02");
        assertThat(settings.pipeline().path("claimLeaseSeconds").asLong()).isEqualTo(300);
    }

    @Test
    void missingBlankOrNullMeansEveryDefault() {
        for (ConnectorSettings settings : new ConnectorSettings[] {ConnectorSettings.parse(null),
                ConnectorSettings.parse("  "), ConnectorSettings.parse("{}"), ConnectorSettings.empty(),
                ConnectorSettings.from(Map.of()), ConnectorSettings.parse("{\"ups\": null}")}) {
            assertThat(settings.epicor().isObject()).isTrue();
            assertThat(settings.epicor().isEmpty()).isTrue();
            assertThat(settings.ups().isEmpty()).isTrue();
            assertThat(settings.pipeline().isEmpty()).isTrue();
        }
    }

    @Test
    void readsTheEnvironmentVariable() {
        ConnectorSettings settings = ConnectorSettings.from(Map.of("CONNECTOR_SETTINGS", "{\"ups\":{\"labelFormat\":\"ZPL\"}}"));

        assertThat(settings.ups().path("labelFormat").asText()).isEqualTo("ZPL");
    }

    @Test
    void sectionsAreCopiesSoOneClientCannotChangeAnothersView() {
        ConnectorSettings settings = ConnectorSettings.parse("{\"ups\":{\"defaultService\":\"03\"}}");

        JsonNode ups = settings.ups();
        ((ObjectNode) ups).put("defaultService", "01");

        assertThat(settings.ups().path("defaultService").asText()).isEqualTo("03");
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
                () -> ConnectorSettings.parse("{\"upss\":{}, \"epicor\": \"x\", \"pipeline\": 3}"));
        assertThat(error.problems()).containsExactlyInAnyOrder(
                "CONNECTOR_SETTINGS has an unknown key \"upss\": the known keys are \"epicor\", \"ups\" and \"pipeline\"",
                "CONNECTOR_SETTINGS key \"epicor\" must be a JSON object, but is a JSON string",
                "CONNECTOR_SETTINGS key \"pipeline\" must be a JSON object, but is a JSON number");
    }
}
