package com.epicorups.cli.aws;

import com.epicorups.app.ConnectorParts;
import com.epicorups.aws.S3LabelStore;
import com.epicorups.aws.SecretsProvider;
import com.epicorups.aws.SqsMessageQueue;
import com.epicorups.config.AwsResources;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.store.dynamo.DynamoAuditLog;
import com.epicorups.store.dynamo.DynamoCheckpointStore;
import com.epicorups.store.dynamo.DynamoShipmentLedger;
import com.epicorups.store.dynamo.DynamoTokenCacheStore;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients and {@link ConnectorParts} of one deployment, from the functions' environment variables
 * (CONTRACTS.md). Built here because shared/ has no {@code AwsParts} yet; the parts are the same classes the
 * functions use (Dynamo stores, SQS queues, Secrets Manager, S3 labels). The processed-event store is in memory:
 * the operator commands never write tracking updates.
 */
public final class AwsConnection implements AutoCloseable {
    private final AwsResources resources;
    private final ConnectorSettings settings;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final SecretsManagerClient secrets;
    private final S3Client s3;
    private final ConnectorParts parts;

    private AwsConnection(Map<String, String> env) {
        this.resources = AwsResources.from(env);
        this.settings = ConnectorSettings.from(env);
        AwsCredentialsProvider credentials = credentials(env);
        Optional<Region> region = resources.region().map(Region::of);
        this.dynamo = configure(DynamoDbClient.builder(), resources.endpointOverride(), region, credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        Optional<URI> sqsEndpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL_SQS")).filter(s -> !s.isBlank())
                .map(URI::create).or(resources::endpointOverride);
        this.sqs = configure(SqsClient.builder(), sqsEndpoint, region, credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.secrets = configure(SecretsManagerClient.builder(), resources.endpointOverride(), region, credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.s3 = configure(S3Client.builder(), resources.endpointOverride(), region, credentials)
                .forcePathStyle(resources.endpointOverride().isPresent())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        SecretsProvider provider = new SecretsProvider(secrets);
        this.parts = new ConnectorParts(settings,
                () -> provider.json(resources.epicorSecretId()),
                () -> provider.json(resources.upsSecretId()),
                () -> provider.json(resources.webhookSecretId()),
                new DynamoTokenCacheStore(dynamo, resources.tokenCacheTable()),
                new DynamoShipmentLedger(dynamo, resources.shipmentsTable()),
                new DynamoCheckpointStore(dynamo, resources.shipmentsTable()),
                new DynamoAuditLog(dynamo, resources.auditTable(), resources.auditRetention()),
                new InMemoryProcessedEventStore(),
                new S3LabelStore(s3, resources.labelBucket()),
                new SqsMessageQueue(sqs, resources.shipmentRequestsQueueUrl().toString()),
                new SqsMessageQueue(sqs, resources.shipmentRequestsDlqUrl().toString()),
                new SqsMessageQueue(sqs, resources.trackingUpdatesQueueUrl().toString()),
                new SqsMessageQueue(sqs, resources.trackingUpdatesDlqUrl().toString()),
                Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    /** From environment variables named as in template.yaml (the process environment, or stack outputs). */
    public static AwsConnection fromEnvironment(Map<String, String> env) {
        return new AwsConnection(env);
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint,
                                                                   Optional<Region> region,
                                                                   AwsCredentialsProvider credentials) {
        endpoint.ifPresent(builder::endpointOverride);
        region.ifPresent(builder::region);
        builder.credentialsProvider(credentials);
        return builder;
    }

    /** Explicit keys in the given variables (an emulator's dummy ones) win; else the SDK's default chain. */
    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session == null || session.isBlank()
                    ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, session));
        }
        return DefaultCredentialsProvider.builder().build();
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

    public ConnectorParts parts() {
        return parts;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        secrets.close();
        s3.close();
    }
}
