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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link ConnectorParts} on AWS: DynamoDB stores, SQS queues, Secrets Manager, S3 labels, from the environment
 * variables template.yaml sets. SDK clients are built once per container with the url-connection HTTP client
 * (the fastest to start); an emulator endpoint (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SQS) is honoured for tests.
 */
public final class AwsParts {
    /** How long a secret value is reused before Secrets Manager is asked again. */
    public static final Duration SECRET_CACHE = Duration.ofMinutes(5);
    /** How long the id of a processed tracking event is remembered to drop duplicates. */
    public static final Duration PROCESSED_EVENT_RETENTION = Duration.ofDays(30);

    private AwsParts() {
    }

    public static ConnectorParts fromEnvironment(Map<String, String> env) {
        AwsResources resources = AwsResources.from(env);
        ConnectorSettings settings = ConnectorSettings.from(env);
        Optional<URI> sqsEndpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL_SQS"))
                .filter(v -> !v.isBlank()).map(URI::create).or(resources::endpointOverride);

        DynamoDbClient dynamo = configure(DynamoDbClient.builder(), resources, resources.endpointOverride()).build();
        SqsClient sqs = configure(SqsClient.builder(), resources, sqsEndpoint).build();
        SecretsManagerClient secretsManager =
                configure(SecretsManagerClient.builder(), resources, resources.endpointOverride()).build();
        SecretsProvider secrets = new SecretsProvider(secretsManager, SECRET_CACHE, Clock.systemUTC());

        String shipmentRequests = resources.shipmentRequestsQueueUrl().toString();
        String trackingUpdates = resources.trackingUpdatesQueueUrl().toString();
        return new ConnectorParts(
                settings,
                () -> secrets.json(resources.epicorSecretId()),
                () -> secrets.json(resources.upsSecretId()),
                () -> secrets.json(resources.webhookSecretId()),
                new DynamoTokenCacheStore(dynamo, resources.tokenCacheTable()),
                new DynamoShipmentLedger(dynamo, resources.shipmentsTable()),
                new DynamoCheckpointStore(dynamo, resources.shipmentsTable()),
                new DynamoAuditLog(dynamo, resources.auditTable(), resources.auditRetention()),
                new DynamoProcessedEventStore(dynamo, resources.auditTable(), PROCESSED_EVENT_RETENTION),
                lazyS3Labels(resources),
                new SqsMessageQueue(sqs, shipmentRequests),
                new SqsMessageQueue(sqs, resources.shipmentRequestsDlqUrl().toString()),
                new SqsMessageQueue(sqs, trackingUpdates),
                new SqsMessageQueue(sqs, resources.trackingUpdatesDlqUrl().toString()),
                Optional.of(new SqsMessageVisibility(sqs, shipmentRequests)),
                Optional.of(new SqsMessageVisibility(sqs, trackingUpdates)),
                Clock.systemUTC());
    }

    /**
     * Only shipment-creator packages the S3 SDK (package size), so the S3 client is built on the first label
     * stored, in a class other functions never load.
     */
    private static LabelStore lazyS3Labels(AwsResources resources) {
        return new LabelStore() {
            private LabelStore delegate;

            @Override
            public synchronized String store(com.epicorups.model.ReleaseKey key, String trackingNumber,
                                             String format, byte[] label) {
                if (delegate == null) {
                    delegate = S3Labels.create(resources);
                }
                return delegate.store(key, trackingNumber, format, label);
            }
        };
    }

    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(
            B builder, AwsResources resources, Optional<URI> endpoint) {
        builder.httpClient(UrlConnectionHttpClient.create());
        resources.region().map(Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}
