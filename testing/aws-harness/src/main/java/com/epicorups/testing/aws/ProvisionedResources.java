package com.epicorups.testing.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link AwsResources} created for one test run, by the template's logical IDs.
 *
 * @param runId   the unique prefix of every name of this run (also used as AWS::StackName)
 * @param tables  logical ID to table name
 * @param queues  logical ID to queue
 * @param secrets logical ID to secret (ARN, as !Ref gives it, and name)
 * @param buckets logical ID to bucket name
 */
public record ProvisionedResources(
        String runId,
        URI endpoint,
        URI sqsEndpoint,
        String region,
        Map<String, String> tables,
        Map<String, Queue> queues,
        Map<String, Secret> secrets,
        Map<String, String> buckets) {

    /**
     * @param attributes the queue attributes resolved from the template (RedrivePolicy, VisibilityTimeout, ...
     *                   and RedriveAllowPolicy). Emulators keep only some of them (ElasticMQ drops
     *                   MessageRetentionPeriod and rejects RedriveAllowPolicy, moto drops RedriveAllowPolicy),
     *                   so this is what the template asked for.
     */
    public record Queue(String name, String url, String arn, Map<String, String> attributes) {
        public Queue {
            attributes = Map.copyOf(attributes);
        }
    }

    public record Secret(String name, String arn) {
    }

    public ProvisionedResources {
        tables = Map.copyOf(tables);
        queues = Map.copyOf(queues);
        secrets = Map.copyOf(secrets);
        buckets = Map.copyOf(buckets);
    }

    public String table(String logicalId) {
        return require(tables, logicalId);
    }

    public Queue queue(String logicalId) {
        return require(queues, logicalId);
    }

    public String queueUrl(String logicalId) {
        return queue(logicalId).url();
    }

    public String queueArn(String logicalId) {
        return queue(logicalId).arn();
    }

    /** The secret's ARN, which is what !Ref gives and what the functions get as *_SECRET_ID. */
    public String secretId(String logicalId) {
        return require(secrets, logicalId).arn();
    }

    public String bucket(String logicalId) {
        return require(buckets, logicalId);
    }

    public String tokenCacheTable() {
        return table("TokenCacheTable");
    }

    public String shipmentsTable() {
        return table("ShipmentsTable");
    }

    public String auditTable() {
        return table("AuditTable");
    }

    public String shipmentRequestsQueueUrl() {
        return queueUrl("ShipmentRequestsQueue");
    }

    public String shipmentRequestsDlqUrl() {
        return queueUrl("ShipmentRequestsDLQ");
    }

    public String trackingUpdatesQueueUrl() {
        return queueUrl("TrackingUpdatesQueue");
    }

    public String trackingUpdatesDlqUrl() {
        return queueUrl("TrackingUpdatesDLQ");
    }

    public String epicorSecretId() {
        return secretId("EpicorSecret");
    }

    public String upsSecretId() {
        return secretId("UpsSecret");
    }

    public String webhookSecretId() {
        return secretId("WebhookSecret");
    }

    public String labelBucket() {
        return bucket("LabelBucket");
    }

    /**
     * The environment variables of CONTRACTS.md for this run, plus what points the SDK at the emulator:
     * AWS_ENDPOINT_URL, AWS_REGION, dummy credentials and, when SQS runs on its own emulator,
     * AWS_ENDPOINT_URL_SQS (the SDK's service-specific endpoint variable, which wins over AWS_ENDPOINT_URL).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        putIfPresent(env, "TOKEN_CACHE_TABLE", tables.get("TokenCacheTable"));
        putIfPresent(env, "SHIPMENTS_TABLE", tables.get("ShipmentsTable"));
        putIfPresent(env, "AUDIT_TABLE", tables.get("AuditTable"));
        putQueueUrl(env, "SHIPMENT_REQUESTS_QUEUE_URL", "ShipmentRequestsQueue");
        putQueueUrl(env, "SHIPMENT_REQUESTS_DLQ_URL", "ShipmentRequestsDLQ");
        putQueueUrl(env, "TRACKING_UPDATES_QUEUE_URL", "TrackingUpdatesQueue");
        putQueueUrl(env, "TRACKING_UPDATES_DLQ_URL", "TrackingUpdatesDLQ");
        putSecretId(env, "EPICOR_SECRET_ID", "EpicorSecret");
        putSecretId(env, "UPS_SECRET_ID", "UpsSecret");
        putSecretId(env, "WEBHOOK_SECRET_ID", "WebhookSecret");
        putIfPresent(env, "LABEL_BUCKET", buckets.get("LabelBucket"));
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        if (!sqsEndpoint.equals(endpoint)) {
            env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        }
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", AwsEmulator.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AwsEmulator.SECRET_ACCESS_KEY);
        return env;
    }

    /**
     * This run as a stack built from template.yaml: stack name {@link #runId}, the emulator's region and account,
     * the template's parameter defaults, and what {@code !Ref} and {@code !GetAtt} of each created resource give
     * (for {@link StackFunction#resolve}).
     */
    public StackValues stackValues() {
        Map<String, String> references = new LinkedHashMap<>();
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        tables.forEach((id, name) -> {
            references.put(id, name);
            attributes.put(id, Map.of("Arn", "arn:aws:dynamodb:" + region + ":" + AwsResources.ACCOUNT_ID + ":table/" + name));
        });
        queues.forEach((id, queue) -> {
            references.put(id, queue.url());
            attributes.put(id, Map.of("Arn", queue.arn(), "QueueName", queue.name(), "QueueUrl", queue.url()));
        });
        secrets.forEach((id, secret) -> references.put(id, secret.arn()));
        buckets.forEach((id, name) -> {
            references.put(id, name);
            attributes.put(id, Map.of("Arn", "arn:aws:s3:::" + name));
        });
        return new StackValues(runId, region, AwsResources.ACCOUNT_ID, Map.of(), references, attributes);
    }

    private void putQueueUrl(Map<String, String> env, String name, String logicalId) {
        Queue queue = queues.get(logicalId);
        putIfPresent(env, name, queue == null ? null : queue.url());
    }

    private void putSecretId(Map<String, String> env, String name, String logicalId) {
        Secret secret = secrets.get(logicalId);
        putIfPresent(env, name, secret == null ? null : secret.arn());
    }

    private static void putIfPresent(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    private static <T> T require(Map<String, T> map, String logicalId) {
        T value = map.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("no provisioned resource " + logicalId + " (have " + map.keySet() + ")");
        }
        return value;
    }
}
