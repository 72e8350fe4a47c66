package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.testing.MutableClock;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.ProvisionedResources;
import com.epicorups.testing.aws.StackFunction;
import com.epicorups.testing.aws.StackValues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A parameter-only deploy reaches a running function (docs/decisions/0030): the function's environment stays what
 * its published version was built with (the first parameter set), the DeploySettings secret is rewritten from the
 * second, and within {@link LiveSettings#TTL} the composition root runs on the second's settings, log level and
 * receive count. Against Secrets Manager in the emulator, with the template's own SecretString.
 */
class DeploySettingsReachLiveFunctionsTest {
    private static final AwsEmulator AWS = AwsEmulator.get();
    private static final Path TEMPLATE = AwsEmulator.connectorRoot().resolve("template.yaml");
    private final LogConfig logConfig = JsonLogger.config();

    @BeforeAll
    static void emulatorKeys() {
        // As the SDK finds a function's keys (the process's; the map below is only what the connector reads).
        System.setProperty("aws.accessKeyId", AwsEmulator.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsEmulator.SECRET_ACCESS_KEY);
    }

    @AfterEach
    void restoreLogging() {
        JsonLogger.configure(logConfig);
        Runtime.reset();
    }

    @Test
    void aChangedParameterReachesTheRunningFunctionWithinTheTtlWithoutANewVersion() {
        ProvisionedResources resources = AWS.provision();
        StackValues first = resources.stackValues().withParameters(Map.of(
                "ConnectorSettings", "{\"pipeline\":{\"batchConcurrency\":3}}", "LogLevel", "INFO",
                "MaxReceiveCount", "5"));
        StackValues second = first.withParameters(Map.of(
                "ConnectorSettings", "{\"pipeline\":{\"batchConcurrency\":7}}", "LogLevel", "DEBUG",
                "MaxReceiveCount", "9"));
        deploySettings(resources, first);
        Map<String, String> environment = functionEnvironment(resources, first);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

        LambdaUseCaseFactory factory = new LambdaUseCaseFactory(environment, clock);
        Object firstRevision = factory.revision();
        assertThat(factory.settings().batchConcurrency()).isEqualTo(3);
        assertThat(factory.assembly().parts().maxReceiveCount()).isEqualTo(5);

        deploySettings(resources, second);
        clock.advance(LiveSettings.TTL.minusSeconds(1));
        assertThat(factory.settings().batchConcurrency()).as("read again only once the TTL is over").isEqualTo(3);
        assertThat(factory.revision()).isSameAs(firstRevision);

        clock.advance(Duration.ofSeconds(2));
        assertThat(factory.settings().batchConcurrency()).as("the second deploy's ConnectorSettings").isEqualTo(7);
        assertThat(factory.assembly().parts().maxReceiveCount()).as("the queues' MaxReceiveCount").isEqualTo(9);
        assertThat(JsonLogger.config().minimum()).isEqualTo(LogLevel.DEBUG);
        assertThat(factory.revision()).as("handlers rebuild their use cases (Live)").isNotSameAs(firstRevision);
        assertThat(environment).as("the version's environment is still the first deploy's")
                .containsEntry("CONNECTOR_SETTINGS", "{\"pipeline\":{\"batchConcurrency\":3}}");
    }

    @Test
    void aHandlerBuiltByLambdaRunsOnTheRebuiltUseCases() {
        ProvisionedResources resources = AWS.provision();
        StackValues first = resources.stackValues().withParameters(Map.of("ConnectorSettings", "{}"));
        deploySettings(resources, first);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        LambdaUseCaseFactory factory = new LambdaUseCaseFactory(functionEnvironment(resources, first), clock);
        Runtime.install(factory);
        Live<com.epicorups.pipeline.PipelineSettings> live =
                Live.startingWith(factory.settings(), UseCaseFactory::settings);
        assertThat(live.get().batchConcurrency()).isEqualTo(5);

        deploySettings(resources, first.withParameters(
                Map.of("ConnectorSettings", "{\"pipeline\":{\"batchConcurrency\":2}}")));
        clock.advance(LiveSettings.TTL.plusSeconds(1));
        assertThat(live.get().batchConcurrency()).isEqualTo(2);
        assertThat(live.get()).isSameAs(live.get());
    }

    @Test
    void invalidNewSettingsLeaveARunningFunctionOnTheLastGoodOnes() {
        ProvisionedResources resources = AWS.provision();
        StackValues first = resources.stackValues().withParameters(
                Map.of("ConnectorSettings", "{\"pipeline\":{\"batchConcurrency\":4}}"));
        deploySettings(resources, first);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
        LambdaUseCaseFactory factory = new LambdaUseCaseFactory(functionEnvironment(resources, first), clock);
        Object revision = factory.revision();

        deploySettings(resources, first.withParameters(
                Map.of("ConnectorSettings", "{\"pipeline\":{\"batchConcurency\":8}}")));
        clock.advance(LiveSettings.TTL.plusSeconds(1));

        assertThat(factory.settings().batchConcurrency()).isEqualTo(4);
        assertThat(factory.revision()).isSameAs(revision);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LambdaUseCaseFactory(
                        functionEnvironment(resources, first), clock))
                .as("a container starting on them fails, naming the problem")
                .hasMessageContaining("did you mean \"batchConcurrency\"?");
    }

    /** What CloudFormation writes into the DeploySettings secret for these parameters. */
    private static void deploySettings(ProvisionedResources resources, StackValues stack) {
        AWS.secretsManager().putSecretValue(r -> r.secretId(resources.secretId("DeploySettings"))
                .secretString(StackFunction.resolvedProperty(TEMPLATE, "DeploySettings", "SecretString", stack)));
    }

    /** The shipment creator's variables as its published version has them, pointed at the emulator. */
    private static Map<String, String> functionEnvironment(ProvisionedResources resources, StackValues stack) {
        Map<String, String> environment = new LinkedHashMap<>(
                StackFunction.resolve(TEMPLATE, "ShipmentCreatorFunction", stack).environment());
        for (String name : List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY")) {
            String value = resources.environment().get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        assertThat(environment).containsEntry("DEPLOY_SETTINGS_ID", resources.secretId("DeploySettings"));
        return Map.copyOf(environment);
    }
}
