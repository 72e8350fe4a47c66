package com.epicorups.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.epicorups.core.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploySettingsTest {
    @Test
    void theSecretsKeysAreTheVariablesTheyReplaceAndConnectorSettingsComesBackAsText() throws Exception {
        Map<String, String> overlay = DeploySettings.overlay(Json.mapper().readTree(
                "{\"CONNECTOR_SETTINGS\":{\"ups\":{\"labelFormat\":\"GIF\"}},\"LOG_LEVEL\":\"DEBUG\","
                        + "\"MAX_RECEIVE_COUNT\":\"7\",\"AUDIT_RETENTION_DAYS\":30}"));

        assertThat(overlay).containsExactlyInAnyOrderEntriesOf(Map.of(
                "CONNECTOR_SETTINGS", "{\"ups\":{\"labelFormat\":\"GIF\"}}", "LOG_LEVEL", "DEBUG",
                "MAX_RECEIVE_COUNT", "7", "AUDIT_RETENTION_DAYS", "30"));
        assertThat(ConnectorSettings.from(overlay).ups().labelFormat()).hasToString("GIF");
        assertThat(DeploySettings.over(Map.of("LOG_LEVEL", "INFO", "TOKEN_CACHE_TABLE", "t"), overlay))
                .containsEntry("LOG_LEVEL", "DEBUG").containsEntry("TOKEN_CACHE_TABLE", "t");
    }

    @Test
    void anUnknownKeyOrAnObjectWhereTextBelongsIsNamed() throws Exception {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> DeploySettings.overlay(
                Json.mapper().readTree("{\"LOGLEVEL\":\"DEBUG\",\"MAX_RECEIVE_COUNT\":{}}")));

        assertThat(error.problems()).containsExactly(
                "the deploy settings have an unknown key \"LOGLEVEL\": the known keys are "
                        + DeploySettings.KEYS,
                "the deploy setting \"MAX_RECEIVE_COUNT\" must be a string or a number");
    }
}
