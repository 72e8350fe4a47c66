package com.epicorups.cli.lambdalocal;

import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.core.Json;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.dynamo.DynamoShipmentLedger;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.ProvisionedResources;
import com.epicorups.testing.aws.StackFunction;
import com.epicorups.testing.aws.StackValues;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the functions need around them on this machine, as on AWS: the AWS emulators (moto server for DynamoDB,
 * Secrets Manager and S3, ElasticMQ for SQS) holding template.yaml's tables, queues, secrets and bucket, and the
 * Epicor and UPS sandboxes the secrets point at. Each {@link #prepare} creates a fresh set of resources (one stack)
 * for one function, seeds its secrets and what its sample event needs, and gives the environment template.yaml
 * sets, resolved against that stack, plus the variables Lambda adds. Close it to stop the sandboxes; the emulators
 * stop with the JVM.
 */
public final class LambdaLocalStack implements AutoCloseable {
    private final Path root;
    private final AwsEmulator aws;
    private final EpicorSandbox epicor;
    private final UpsSandbox ups;
    private final ObjectNode settings;

    /**
     * A function ready to run: its stack's resources and its whole environment.
     *
     * @param config      the function as template.yaml configures it in this stack
     * @param environment template.yaml's variables, the emulators' endpoint and keys, and Lambda's own variables
     */
    public record Prepared(LocalFunction function, ProvisionedResources resources, StackFunction config,
                           Map<String, String> environment) {
        public Prepared {
            environment = Map.copyOf(environment);
        }
    }

    private LambdaLocalStack(Path root, AwsEmulator aws, EpicorSandbox epicor, UpsSandbox ups, ObjectNode settings) {
        this.root = root;
        this.aws = aws;
        this.epicor = epicor;
        this.ups = ups;
        this.settings = settings;
    }

    /** Starts (or joins) the JVM's AWS emulator and starts both sandboxes with the sample data. */
    public static LambdaLocalStack start(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (System.getProperty("connector.root") == null) {
            // The harness provisions what template.yaml declares and finds moto_server through this property.
            System.setProperty("connector.root", absolute.toString());
        }
        AwsEmulator aws = AwsEmulator.get();
        ObjectNode settings = SampleEvents.connectorSettings();
        EpicorSandbox epicor = EpicorSandbox.builder().dataset(EpicorDataset.sample())
                .apiKey(LocalEnvironment.SANDBOX_EPICOR_API_KEY)
                .user(LocalEnvironment.SANDBOX_EPICOR_USER, LocalEnvironment.SANDBOX_EPICOR_PASSWORD)
                .build().start();
        UpsSandbox.Builder upsBuilder = UpsSandbox.builder()
                .client(LocalEnvironment.SANDBOX_UPS_CLIENT_ID, LocalEnvironment.SANDBOX_UPS_CLIENT_SECRET);
        settings.path("ups").path("warehouses").forEach(w -> upsBuilder.shipperNumber(w.path("accountNumber").asText()));
        UpsSandbox ups = upsBuilder.build().start();
        return new LambdaLocalStack(absolute, aws, epicor, ups, settings);
    }

    /**
     * Creates the template's resources under a fresh stack name, puts the sandboxes' endpoints and credentials into
     * its secrets, seeds what the function's sample event needs, and resolves the function's environment.
     */
    public Prepared prepare(LocalFunction function) {
        ProvisionedResources resources = aws.provision();
        seedSecrets(resources);
        if (function.name().equals("subscription-renewer")) {
            seedShippedPackage(resources);
        }
        StackValues stack = resources.stackValues().withParameters(Map.of("ConnectorSettings", settings.toString()));
        StackFunction config = StackFunction.resolve(root.resolve("template.yaml"), function.logicalId(), stack);
        // What a deploy with these parameters writes into the DeploySettings secret, which the function reads.
        aws.secretsManager().putSecretValue(r -> r.secretId(resources.secretId("DeploySettings"))
                .secretString(StackFunction.resolvedProperty(root.resolve("template.yaml"), "DeploySettings",
                        "SecretString", stack)));
        Map<String, String> env = new LinkedHashMap<>(config.environment());
        // The SDK's endpoint, region and keys for the emulators (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SQS, ...).
        for (String name : List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY")) {
            String value = resources.environment().get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(lambdaVariables(resources, config));
        return new Prepared(function, resources, config, env);
    }

    /** Lays the function's jar out as Lambda does ({@code taskDir/lib/<name>.jar}) and returns the task folder. */
    public Path taskDir(LocalFunction function, Path workDir) {
        Path jar = function.jar(root);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with `mvn -B package -DskipTests`");
        }
        Path task = workDir.resolve("task").resolve(function.name());
        try {
            Files.createDirectories(task.resolve("lib"));
            Files.copy(jar, task.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + jar + " in " + task, e);
        }
        return task;
    }

    /**
     * The JVM options of Lambda's java25 runtime for an on-demand start: tiered compilation stops at C1 (Lambda's
     * java-customization page: from Java 25 only SnapStart and provisioned concurrency get the JVM's default JIT,
     * and the emulator cannot restore a snapshot), the serial collector (Lambda's default), and the function's
     * memory as the JVM's idea of the machine's, as the execution environment's memory limit gives it.
     */
    public static List<String> lambdaJvmOptions(int memorySize) {
        return List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:MaxRAM=" + memorySize + "m", "-Xshare:auto",
                // The runtime client loads its JNI library with System.load; JDK 24+ warns unless allowed.
                "--enable-native-access=ALL-UNNAMED");
    }

    /** The variables Lambda sets beside the function's own (those the emulator does not set itself). */
    private Map<String, String> lambdaVariables(ProvisionedResources resources, StackFunction config) {
        String name = resources.runId() + "-" + config.logicalId();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memorySize()));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(config.timeoutSeconds()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        // SnapStart cannot be emulated (RIE answers the runtime's /restore/next with 404): an on-demand start.
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + config.runtime());
        env.put("AWS_DEFAULT_REGION", resources.region());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
        return env;
    }

    private void seedSecrets(ProvisionedResources resources) {
        ObjectNode epicorSecret = Json.mapper().createObjectNode()
                .put("baseUrl", epicor.rootUrl()).put("company", SampleEvents.RELEASE.company())
                .put("apiKey", LocalEnvironment.SANDBOX_EPICOR_API_KEY).put("authMode", "TOKEN")
                .put("username", LocalEnvironment.SANDBOX_EPICOR_USER)
                .put("password", LocalEnvironment.SANDBOX_EPICOR_PASSWORD).put("plant", "MfgSys");
        ObjectNode upsSecret = Json.mapper().createObjectNode().put("baseUrl", ups.baseUrl())
                .put("clientId", LocalEnvironment.SANDBOX_UPS_CLIENT_ID)
                .put("clientSecret", LocalEnvironment.SANDBOX_UPS_CLIENT_SECRET);
        // Track Alert v2 (the template's default): the sample delivery's bearer and x-api-key.
        ObjectNode webhookSecret = Json.mapper().createObjectNode()
                .put("credential", "lambda-local-v1-credential-" + resources.runId())
                .put("apiKey", SampleEvents.WEBHOOK_API_KEY);
        webhookSecret.putArray("bearerTokens").add(SampleEvents.WEBHOOK_BEARER);
        put(resources.epicorSecretId(), epicorSecret);
        put(resources.upsSecretId(), upsSecret);
        put(resources.webhookSecretId(), webhookSecret);
    }

    private void put(String secretId, ObjectNode value) {
        aws.secretsManager().putSecretValue(r -> r.secretId(secretId).secretString(value.toString()));
    }

    /**
     * The renewer subscribes the packages of shipped releases: one shipped release whose package has no
     * subscription yet. Its package is one the UPS sandbox shipped (a shipment-creator run before), else the samples'.
     */
    private void seedShippedPackage(ProvisionedResources resources) {
        String number = renewerPackage();
        DynamoShipmentLedger ledger = new DynamoShipmentLedger(aws.dynamoDb(), resources.shipmentsTable());
        Instant now = Instant.now();
        ledger.claim(SampleEvents.RELEASE, "lambda-local", now, Duration.ofMinutes(5));
        ledger.markShipped(SampleEvents.RELEASE, "lambda-local", number, List.of(number), null, now);
    }

    /** The package the renewer is given to subscribe (see {@link #prepare}). */
    public String renewerPackage() {
        return ups.shipments().list().stream().flatMap(c -> c.trackingNumbers().stream()).findFirst()
                .orElse(SampleEvents.TRACKING_NUMBER);
    }

    public AwsEmulator aws() {
        return aws;
    }

    public EpicorSandbox epicor() {
        return epicor;
    }

    public UpsSandbox ups() {
        return ups;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        ups.close();
        epicor.close();
    }
}
