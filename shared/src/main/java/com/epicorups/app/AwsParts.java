package com.epicorups.app;

import com.epicorups.aws.SecretsProvider;
import com.epicorups.aws.SqsMessageQueue;
import com.epicorups.aws.SqsMessageVisibility;
import com.epicorups.config.AwsResources;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.store.LabelStore;
import com.epicorups.store.dynamo.DynamoAuditLog;
import com.epicorups.store.dynamo.DynamoCheckpointStore;
import com.epicorups.store.dynamo.DynamoProcessedEventStore;
import com.epicorups.store.dynamo.DynamoShipmentLedger;
import com.epicorups.store.dynamo.DynamoTokenCacheStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link ConnectorParts} on AWS: DynamoDB stores, SQS queues, Secrets Manager, S3 labels, from the environment
 * variables template.yaml sets. SDK clients are built once per container with the url-connection HTTP client
 * (the fastest to start); an emulator endpoint (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SQS) is honoured for tests.
 * The functions only need {@link #fromEnvironment}; the operator CLI keeps the instance ({@link #connect}) for
 * the SDK clients it also uses directly (queue depths, StartMessageMoveTask, ledger scans) and closes it.
 */
public final class AwsParts implements AutoCloseable {
    /** How long a secret value is reused before Secrets Manager is asked again. */
    public static final Duration SECRET_CACHE = Duration.ofMinutes(5);
    /** How long the id of a processed tracking event is remembered to drop duplicates. */
    public static final Duration PROCESSED_EVENT_RETENTION = Duration.ofDays(30);

    private final AwsResources resources;
    private final ConnectorSettings settings;
    private final Optional<AwsCredentialsProvider> credentials;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final SecretsManagerClient secretsManager;
    private final ConnectorParts parts;

    private AwsParts(Map<String, String> env, Optional<AwsCredentialsProvider> credentials) {
        this.resources = AwsResources.from(env);
        this.settings = ConnectorSettings.from(env);
        this.credentials = credentials;
        Optional<URI> sqsEndpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL_SQS"))
                .filter(v -> !v.isBlank()).map(URI::create).or(resources::endpointOverride);

        this.dynamo = configure(DynamoDbClient.builder(), resources.endpointOverride()).build();
        this.sqs = configure(SqsClient.builder(), sqsEndpoint).build();
        this.secretsManager = configure(SecretsManagerClient.builder(), resources.endpointOverride()).build();
        SecretsProvider secrets = new SecretsProvider(secretsManager, SECRET_CACHE, Clock.systemUTC());

        String shipmentRequests = resources.shipmentRequestsQueueUrl().toString();
        String trackingUpdates = resources.trackingUpdatesQueueUrl().toString();
        this.parts = new ConnectorParts(
                settings,
                () -> secrets.json(resources.epicorSecretId()),
                () -> secrets.json(resources.upsSecretId()),
                () -> secrets.json(resources.webhookSecretId()),
                new DynamoTokenCacheStore(dynamo, resources.tokenCacheTable()),
                new DynamoShipmentLedger(dynamo, resources.shipmentsTable()),
                new DynamoCheckpointStore(dynamo, resources.shipmentsTable()),
                new DynamoAuditLog(dynamo, resources.auditTable(), resources.auditRetention()),
                new DynamoProcessedEventStore(dynamo, resources.auditTable(), PROCESSED_EVENT_RETENTION),
                lazyS3Labels(),
                new SqsMessageQueue(sqs, shipmentRequests),
                new SqsMessageQueue(sqs, resources.shipmentRequestsDlqUrl().toString()),
                new SqsMessageQueue(sqs, trackingUpdates),
                new SqsMessageQueue(sqs, resources.trackingUpdatesDlqUrl().toString()),
                Optional.of(new SqsMessageVisibility(sqs, shipmentRequests)),
                Optional.of(new SqsMessageVisibility(sqs, trackingUpdates)),
                Clock.systemUTC(),
                resources.maxReceiveCount());
    }

    /** The parts of the functions' composition root; the SDK's default credentials. */
    public static ConnectorParts fromEnvironment(Map<String, String> env) {
        return new AwsParts(env, processEnvironmentKeys()).parts;
    }

    /**
     * Lambda puts the role's keys in the process environment (SnapStart functions get a container credentials
     * endpoint instead): reading them directly spares a cold start the default chain's system-property, web
     * identity, profile-file, container and instance-metadata providers. The provider reads the variables on
     * each use, so no key is held in the object graph.
     */
    static Optional<AwsCredentialsProvider> processEnvironmentKeys() {
        boolean present = notBlank(System.getenv("AWS_ACCESS_KEY_ID")) && notBlank(System.getenv("AWS_SECRET_ACCESS_KEY"));
        return present ? Optional.of(EnvironmentVariableCredentialsProvider.create()) : Optional.empty();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * The parts and the SDK clients behind them, for a tool that also uses the clients and closes them.
     *
     * @param credentials explicit credentials (an emulator's dummy keys); empty = the SDK's default chain
     */
    public static AwsParts connect(Map<String, String> env, Optional<AwsCredentialsProvider> credentials) {
        return new AwsParts(env, credentials);
    }

    public ConnectorParts parts() {
        return parts;
    }

    public AwsResources resources() {
        return resources;
    }

    public ConnectorSettings settings() {
        return settings;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        secretsManager.close();
    }

    /**
     * Only shipment-creator and track-alert-webhook package the S3 SDK (package size), so the S3 client is built on
     * the first label stored (or webhook event kept), in a class other functions never load.
     */
    private LabelStore lazyS3Labels() {
        return new LabelStore() {
            private LabelStore delegate;

            private synchronized LabelStore delegate() {
                if (delegate == null) {
                    delegate = S3Labels.create(AwsParts.this, resources);
                }
                return delegate;
            }

            @Override
            public String store(com.epicorups.model.ReleaseKey key, String trackingNumber, String format,
                                byte[] label) {
                return delegate().store(key, trackingNumber, format, label);
            }

            @Override
            public String store(com.epicorups.model.PackKey key, String trackingNumber, String format, byte[] label) {
                return delegate().store(key, trackingNumber, format, label);
            }

            @Override
            public String keepEvent(String name, String body) {
                return delegate().keepEvent(name, body);
            }

            @Override
            public String keptEvent(String location) {
                return delegate().keptEvent(location);
            }
        };
    }

    <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(
            B builder, Optional<URI> endpoint) {
        builder.httpClient(UrlConnectionHttpClient.create());
        resources.region().map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        credentials.ifPresent(builder::credentialsProvider);
        return builder;
    }
}
