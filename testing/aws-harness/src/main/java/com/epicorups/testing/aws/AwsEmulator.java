package com.epicorups.testing.aws;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * One AWS emulator per JVM, started on first use and stopped at JVM exit, with real SDK v2 clients
 * pointed at it.
 *
 * <p>Selection (system property or environment variable of the same name):
 * <ul>
 *   <li>{@code AWS_EMULATOR_ENDPOINT=http://host:port}: use that running emulator for every service.</li>
 *   <li>{@code AWS_EMULATOR=localstack}: LocalStack through Testcontainers (needs Docker).</li>
 *   <li>otherwise moto server from {@code ${connector.root}/.venv/bin/moto_server} (or the PATH), started as
 *       a child process on 127.0.0.1.</li>
 *   <li>{@code AWS_EMULATOR_SQS=elasticmq|main}: where SQS goes. Default: embedded ElasticMQ, because moto
 *       5.2.5 lacks StartMessageMoveTask (DLQ redrive); with LocalStack, which has it, the main endpoint.</li>
 * </ul>
 * If nothing can be started it throws {@link EmulatorUnavailableException}: tests fail, never skip.
 */
public final class AwsEmulator {
    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    private static AwsEmulator instance;

    private final EmulatorBackend main;
    private final EmulatorBackend sqsBackend;
    private final Duration startupTime;
    private final AwsCredentialsProvider credentials =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private SecretsManagerClient secretsManager;
    private S3Client s3;

    private AwsEmulator(EmulatorBackend main, EmulatorBackend sqsBackend, Duration startupTime) {
        this.main = main;
        this.sqsBackend = sqsBackend;
        this.startupTime = startupTime;
    }

    /** The JVM's emulator, started on the first call. */
    public static synchronized AwsEmulator get() {
        if (instance == null) {
            instance = start();
            AwsEmulator started = instance;
            System.err.println("[aws-test-harness] " + started.description() + " (started in "
                    + started.startupTime().toMillis() + " ms)");
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "aws-emulator-stop"));
        }
        return instance;
    }

    private static AwsEmulator start() {
        long started = System.nanoTime();
        Path root = connectorRootOrNull();
        EmulatorBackend main = startMain(root);
        EmulatorBackend sqsBackend = main;
        try {
            String sqsChoice = setting("AWS_EMULATOR_SQS").map(s -> s.toLowerCase(Locale.ROOT))
                    .orElse(main instanceof LocalStackBackend ? "main" : "elasticmq");
            if (sqsChoice.equals("elasticmq")) {
                sqsBackend = EmbeddedElasticMq.start(REGION.id());
            } else if (!sqsChoice.equals("main") && !sqsChoice.equals("moto")) {
                throw new EmulatorUnavailableException("AWS_EMULATOR_SQS must be elasticmq or main, not " + sqsChoice);
            }
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
        return new AwsEmulator(main, sqsBackend, Duration.ofNanos(System.nanoTime() - started));
    }

    private static EmulatorBackend startMain(Path root) {
        Optional<String> external = setting("AWS_EMULATOR_ENDPOINT");
        if (external.isPresent()) {
            return new ExternalEndpoint(URI.create(external.get()));
        }
        String kind = setting("AWS_EMULATOR").map(s -> s.toLowerCase(Locale.ROOT)).orElse("moto");
        if (kind.equals("localstack")) {
            if (!LocalStackBackend.dockerAvailable()) {
                throw new EmulatorUnavailableException("AWS_EMULATOR=localstack but Docker is not available; unset it "
                        + "to use moto server: " + EmulatorUnavailableException.HOW_TO_GET_ONE);
            }
            return LocalStackBackend.start(setting(LocalStackBackend.IMAGE_PROPERTY).orElse(null));
        }
        if (!kind.equals("moto")) {
            throw new EmulatorUnavailableException("AWS_EMULATOR must be moto or localstack, not " + kind);
        }
        Path executable = MotoServer.findExecutable(root).orElseThrow(() -> new EmulatorUnavailableException(
                "no AWS emulator: moto_server is neither in " + (root == null ? "<connector.root unset>" : root)
                        + "/.venv/bin, nor in a parent directory's .venv, nor on the PATH. To get one: "
                        + EmulatorUnavailableException.HOW_TO_GET_ONE));
        return MotoServer.start(executable);
    }

    /** The project root holding template.yaml: system property {@code connector.root}, else a parent of the cwd. */
    public static Path connectorRoot() {
        Path root = connectorRootOrNull();
        if (root == null) {
            throw new IllegalStateException("cannot find the project root (template.yaml): set -Dconnector.root");
        }
        return root;
    }

    private static Path connectorRootOrNull() {
        String property = System.getProperty("connector.root");
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return null;
    }

    static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The endpoint serving DynamoDB, Secrets Manager and S3 (and SQS unless {@link #sqsEndpoint()} differs). */
    public URI endpoint() {
        return main.endpoint();
    }

    public URI sqsEndpoint() {
        return sqsBackend.endpoint();
    }

    public Region region() {
        return REGION;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** How long starting the emulator(s) took in this JVM. */
    public Duration startupTime() {
        return startupTime;
    }

    public String description() {
        return main == sqsBackend ? main.description()
                : main.description() + "; SQS: " + sqsBackend.description();
    }

    /** Builders pre-configured for the emulator; add interceptors or overrides, then build. */
    public DynamoDbClientBuilder dynamoDbBuilder() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(REGION).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    public SqsClientBuilder sqsBuilder() {
        return SqsClient.builder().endpointOverride(sqsEndpoint()).region(REGION).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    public SecretsManagerClientBuilder secretsManagerBuilder() {
        return SecretsManagerClient.builder().endpointOverride(endpoint()).region(REGION)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    public S3ClientBuilder s3Builder() {
        return S3Client.builder().endpointOverride(endpoint()).region(REGION).credentialsProvider(credentials)
                .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /** Shared clients (thread-safe, built once); do not close them. */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = dynamoDbBuilder().build();
        }
        return dynamoDb;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = sqsBuilder().build();
        }
        return sqs;
    }

    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = secretsManagerBuilder().build();
        }
        return secretsManager;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = s3Builder().build();
        }
        return s3;
    }

    /** Creates the template's tables, queues, secrets and bucket under fresh names (see {@link AwsResources}). */
    public ProvisionedResources provision() {
        return resources().provision();
    }

    /** Like {@link #provision()} but only the named resources, for example {@code provision("ShipmentsTable")}. */
    public ProvisionedResources provision(String... logicalIds) {
        return resources().provisionOnly(Set.of(logicalIds));
    }

    private AwsResources resources() {
        return new AwsResources(this, connectorRoot().resolve("template.yaml"));
    }

    private synchronized void stop() {
        for (AutoCloseable client : new AutoCloseable[] {dynamoDb, sqs, secretsManager, s3}) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        if (sqsBackend != main) {
            sqsBackend.close();
        }
        main.close();
    }
}
