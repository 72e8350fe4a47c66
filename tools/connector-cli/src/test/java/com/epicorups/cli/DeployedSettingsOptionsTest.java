package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.ProvisionedResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The operator commands use the settings the deployed functions run with (DeploySettings), on the emulator. */
class DeployedSettingsOptionsTest {
    static AwsEmulator aws;
    static ProvisionedResources resources;

    @BeforeAll
    static void provision() {
        aws = AwsEmulator.get();
        resources = aws.provision();
    }

    @AfterEach
    void clearOverride() {
        AwsTargetOptions.environmentOverride = null;
    }

    private static String secret(String document) {
        String name = "deploy-settings-" + UUID.randomUUID();
        try (SecretsManagerClient secrets = aws.secretsManagerBuilder().build()) {
            return secrets.createSecret(r -> r.name(name).secretString(document)).arn();
        }
    }

    private static Map<String, String> environmentWith(String secretArn) {
        Map<String, String> env = new HashMap<>(resources.environment());
        env.put("CONNECTOR_SETTINGS", "{\"pipeline\":{\"batchConcurrency\":3}}");
        env.put("MAX_RECEIVE_COUNT", "5");
        env.put("DEPLOY_SETTINGS_ID", secretArn);
        return env;
    }

    @Test
    void theDeployedSettingsReplaceTheShellsVariables() {
        String arn = secret("{\"CONNECTOR_SETTINGS\":{\"ups\":{\"labelFormat\":\"ZPL\"}},\"MAX_RECEIVE_COUNT\":\"9\"}");
        AwsTargetOptions.environmentOverride = environmentWith(arn);

        Map<String, String> env = new AwsTargetOptions().environment();

        assertThat(env).containsEntry("CONNECTOR_SETTINGS", "{\"ups\":{\"labelFormat\":\"ZPL\"}}")
                .containsEntry("MAX_RECEIVE_COUNT", "9");
    }

    @Test
    void aSettingsFileStillWinsOverTheDeployedSettings(@TempDir Path dir) throws Exception {
        String arn = secret("{\"CONNECTOR_SETTINGS\":{\"ups\":{\"labelFormat\":\"ZPL\"}}}");
        AwsTargetOptions.environmentOverride = environmentWith(arn);
        Path file = Files.writeString(dir.resolve("settings.json"), "{\"ups\":{\"labelFormat\":\"PDF\"}}");
        AwsTargetOptions options = new AwsTargetOptions();
        options.settings = file;

        assertThat(options.environment()).containsEntry("CONNECTOR_SETTINGS", "{\"ups\":{\"labelFormat\":\"PDF\"}}");
    }

    @Test
    void anUnknownKeyInTheDeployedSettingsIsNamed() {
        String arn = secret("{\"CONNECTOR_SETTINGS\":{},\"LOGLEVEL\":\"DEBUG\"}");
        AwsTargetOptions.environmentOverride = environmentWith(arn);

        assertThatThrownBy(() -> new AwsTargetOptions().environment()).hasMessageContaining("\"LOGLEVEL\"");
    }
}
