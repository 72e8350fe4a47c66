package com.epicorups.testing.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's DynamoDB tables, SQS queues, secrets and S3 buckets in the emulator, read by type
 * from template.yaml, under names unique to this run (so test classes sharing one emulator never collide).
 * Key schemas, attribute definitions, indexes, TTL, queue attributes and redrive policies are taken exactly
 * as declared; properties the emulator does not need (KMS keys, PITR, tags) are ignored.
 */
public final class AwsResources {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** moto's and ElasticMQ's account. */
    static final String ACCOUNT_ID = "123456789012";
    /** Queue properties that map one to one onto CreateQueue attributes. */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "FifoQueue",
            "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");

    private final AwsEmulator emulator;
    private final TemplateResources template;
    private final String runId;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, ProvisionedResources.Queue> queues = new LinkedHashMap<>();
    private final Map<String, ProvisionedResources.Secret> secrets = new LinkedHashMap<>();
    private final Map<String, String> buckets = new LinkedHashMap<>();
    private final Intrinsics intrinsics;

    /** @param templatePath a template.yaml, read with {@link CloudFormationTemplate#load} */
    public AwsResources(AwsEmulator emulator, Path templatePath) {
        this.emulator = emulator;
        this.template = new TemplateResources(CloudFormationTemplate.load(templatePath));
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        this.runId = "it" + RUNS.incrementAndGet() + HexFormat.of().formatHex(random);
        Map<String, Object> pseudo = new HashMap<>();
        pseudo.put("AWS::StackName", runId);
        pseudo.put("AWS::StackId", "arn:aws:cloudformation:" + emulator.region().id() + ":" + ACCOUNT_ID
                + ":stack/" + runId + "/" + runId);
        pseudo.put("AWS::Region", emulator.region().id());
        pseudo.put("AWS::AccountId", ACCOUNT_ID);
        pseudo.put("AWS::Partition", "aws");
        pseudo.put("AWS::URLSuffix", "amazonaws.com");
        pseudo.put("AWS::NoValue", null);
        this.intrinsics = new Intrinsics(Intrinsics.parameterDefaults(template, pseudo), template.conditions(),
                this::ref, this::attribute);
    }

    public ProvisionedResources provision() {
        return provision(id -> true);
    }

    /** Creates only the listed resources (a queue's DLQ must be listed with it). */
    public ProvisionedResources provisionOnly(Set<String> logicalIds) {
        Set<String> unknown = new TreeSet<>(logicalIds);
        unknown.removeAll(template.resources().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("template.yaml has no resources " + unknown);
        }
        return provision(logicalIds::contains);
    }

    private ProvisionedResources provision(Predicate<String> wanted) {
        ofType("AWS::DynamoDB::Table", wanted).forEach(this::createTable);
        List<String> queueIds = ofType("AWS::SQS::Queue", wanted);
        createQueuesDeadLettersFirst(queueIds);
        // A DLQ's RedriveAllowPolicy names its source queue, so it goes on once every queue exists.
        queueIds.forEach(this::applyRedriveAllowPolicy);
        ofType("AWS::SecretsManager::Secret", wanted).forEach(this::createSecret);
        ofType("AWS::S3::Bucket", wanted).forEach(this::createBucket);
        return new ProvisionedResources(runId, emulator.endpoint(), emulator.sqsEndpoint(), emulator.region().id(),
                tables, queues, secrets, buckets);
    }

    private List<String> ofType(String type, Predicate<String> wanted) {
        return template.logicalIdsOfType(type).stream().filter(wanted).toList();
    }

    private String uniqueName(Object declared, String logicalId) {
        String name = declared == null ? null : intrinsics.resolveString(declared);
        if (name == null) {
            return runId + "-" + logicalId;
        }
        return name.contains(runId) ? name : runId + "-" + name;
    }

    // ---------------------------------------------------------------- DynamoDB

    @SuppressWarnings("unchecked")
    private void createTable(String logicalId) {
        Map<String, Object> props = template.properties(logicalId);
        String name = uniqueName(props.get("TableName"), logicalId);
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) intrinsics.resolve(
                props.get("AttributeDefinitions"));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keySchema(props.get("KeySchema")))
                .attributeDefinitions(attributes.stream().map(a -> AttributeDefinition.builder()
                        .attributeName(str(a.get("AttributeName"))).attributeType(str(a.get("AttributeType")))
                        .build()).toList());
        boolean onDemand = "PAY_PER_REQUEST".equals(intrinsics.resolveString(props.get("BillingMode")));
        ProvisionedThroughput throughput = ProvisionedThroughput.builder().readCapacityUnits(5L)
                .writeCapacityUnits(5L).build();
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.provisionedThroughput(throughput);
        }
        Object gsis = intrinsics.resolve(props.get("GlobalSecondaryIndexes"));
        if (gsis instanceof List<?> list && !list.isEmpty()) {
            request.globalSecondaryIndexes(((List<Map<String, Object>>) list).stream().map(index -> {
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                        .indexName(str(index.get("IndexName")))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection")));
                return onDemand ? gsi.build() : gsi.provisionedThroughput(throughput).build();
            }).toList());
        }
        Object lsis = intrinsics.resolve(props.get("LocalSecondaryIndexes"));
        if (lsis instanceof List<?> list && !list.isEmpty()) {
            request.localSecondaryIndexes(((List<Map<String, Object>>) list).stream().map(index ->
                    LocalSecondaryIndex.builder().indexName(str(index.get("IndexName")))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection"))).build()).toList());
        }
        DynamoDbClient dynamo = emulator.dynamoDb();
        dynamo.createTable(request.build());
        waitUntilActive(dynamo, name);
        Object ttl = intrinsics.resolve(props.get("TimeToLiveSpecification"));
        if (ttl instanceof Map<?, ?> spec && Boolean.parseBoolean(String.valueOf(spec.get("Enabled")))) {
            dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t
                    .attributeName(str(spec.get("AttributeName"))).enabled(true)));
        }
        tables.put(logicalId, name);
    }

    @SuppressWarnings("unchecked")
    private List<KeySchemaElement> keySchema(Object declared) {
        return ((List<Map<String, Object>>) intrinsics.resolve(declared)).stream()
                .map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName")))
                        .keyType(str(k.get("KeyType"))).build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Projection projection(Object declared) {
        Map<String, Object> projection = declared == null ? Map.of("ProjectionType", "ALL")
                : (Map<String, Object>) declared;
        Projection.Builder builder = Projection.builder().projectionType(str(projection.get("ProjectionType")));
        Object nonKey = projection.get("NonKeyAttributes");
        if (nonKey instanceof List<?> list) {
            builder.nonKeyAttributes(list.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private static void waitUntilActive(DynamoDbClient dynamo, String name) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (dynamo.describeTable(r -> r.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + name + " did not become ACTIVE within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---------------------------------------------------------------- SQS

    /**
     * Creates each queue with its RedrivePolicy in CreateQueue, after the DLQ it names: ElasticMQ only links
     * a DLQ to its source (for StartMessageMoveTask) when the policy comes with CreateQueue.
     */
    private void createQueuesDeadLettersFirst(List<String> queueIds) {
        List<String> remaining = new ArrayList<>(queueIds);
        while (!remaining.isEmpty()) {
            List<String> ready = remaining.stream().filter(this::redriveTargetExists).toList();
            if (ready.isEmpty()) {
                throw new IllegalStateException("queues " + remaining + " name dead-letter queues that never get created");
            }
            ready.forEach(this::createQueue);
            remaining.removeAll(ready);
        }
    }

    private boolean redriveTargetExists(String logicalId) {
        try {
            intrinsics.resolve(template.properties(logicalId).get("RedrivePolicy"));
            return true;
        } catch (IllegalStateException unresolved) {
            return false;
        }
    }

    private void createQueue(String logicalId) {
        Map<String, Object> props = template.properties(logicalId);
        String name = uniqueName(props.get("QueueName"), logicalId);
        boolean fifo = Boolean.parseBoolean(String.valueOf(intrinsics.resolve(props.get("FifoQueue"))));
        if (fifo && !name.endsWith(".fifo")) {
            name = name + ".fifo";
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : QUEUE_ATTRIBUTES) {
            Object value = intrinsics.resolve(props.get(attribute));
            if (value != null) {
                attributes.put(attribute, String.valueOf(value));
            }
        }
        Object redrive = intrinsics.resolve(props.get("RedrivePolicy"));
        if (redrive != null) {
            attributes.put("RedrivePolicy", redrive instanceof String text ? text : json(redrive));
        }
        SqsClient sqs = emulator.sqs();
        String queueName = name;
        String url = sqs.createQueue(r -> r.queueName(queueName).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queues.put(logicalId, new ProvisionedResources.Queue(name, url, arn, attributes));
    }

    @SuppressWarnings("unchecked")
    private void applyRedriveAllowPolicy(String logicalId) {
        Object allow = intrinsics.resolve(template.properties(logicalId).get("RedriveAllowPolicy"));
        if (allow == null) {
            return;
        }
        String allowJson;
        if (allow instanceof Map<?, ?> map) {
            Map<String, Object> policy = new LinkedHashMap<>((Map<String, Object>) map);
            Object sources = policy.get("sourceQueueArns");
            if (sources instanceof List<?> list) {
                // An ARN spelled with !Sub carries the template's account, not the emulator's: match by name.
                policy.put("sourceQueueArns", list.stream().map(arn -> actualQueueArn(String.valueOf(arn))).toList());
            }
            allowJson = json(policy);
        } else {
            allowJson = String.valueOf(allow);
        }
        ProvisionedResources.Queue queue = queues.get(logicalId);
        try {
            emulator.sqs().setQueueAttributes(r -> r.queueUrl(queue.url())
                    .attributesWithStrings(Map.of("RedriveAllowPolicy", allowJson)));
        } catch (InvalidAttributeNameException e) {
            // ElasticMQ 1.7.1 rejects the attribute (moto 5.2.5 accepts and drops it); neither enforces it,
            // so the resolved policy is kept in ProvisionedResources for inspection only.
        }
        Map<String, String> attributes = new LinkedHashMap<>(queue.attributes());
        attributes.put("RedriveAllowPolicy", allowJson);
        queues.put(logicalId, new ProvisionedResources.Queue(queue.name(), queue.url(), queue.arn(), attributes));
    }

    private String actualQueueArn(String declaredArn) {
        String name = declaredArn.substring(declaredArn.lastIndexOf(':') + 1);
        return queues.values().stream()
                .filter(q -> q.name().equals(name) || q.name().equals(runId + "-" + name))
                .map(ProvisionedResources.Queue::arn)
                .findFirst()
                .orElse(declaredArn);
    }

    // ---------------------------------------------------------------- Secrets Manager, S3

    private void createSecret(String logicalId) {
        Map<String, Object> props = template.properties(logicalId);
        String name = uniqueName(props.get("Name"), logicalId);
        Object declared = props.get("SecretString");
        String value = declared == null ? "{}" : intrinsics.resolveString(declared);
        String arn = emulator.secretsManager().createSecret(r -> r.name(name).secretString(value)).arn();
        secrets.put(logicalId, new ProvisionedResources.Secret(name, arn));
    }

    @SuppressWarnings("unchecked")
    private void createBucket(String logicalId) {
        Map<String, Object> props = template.properties(logicalId);
        String name = uniqueName(props.get("BucketName"), logicalId).toLowerCase(Locale.ROOT);
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        String bucket = name;
        S3Client s3 = emulator.s3();
        s3.createBucket(r -> r.bucket(bucket));
        Object versioning = intrinsics.resolve(props.get("VersioningConfiguration"));
        if (versioning instanceof Map<?, ?> map && "Enabled".equals(map.get("Status"))) {
            s3.putBucketVersioning(r -> r.bucket(bucket)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        Object block = props.get("PublicAccessBlockConfiguration");
        if (block instanceof Map<?, ?> map) {
            Map<String, Object> config = (Map<String, Object>) intrinsics.resolve(map);
            s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(bool(config.get("BlockPublicAcls")))
                    .blockPublicPolicy(bool(config.get("BlockPublicPolicy")))
                    .ignorePublicAcls(bool(config.get("IgnorePublicAcls")))
                    .restrictPublicBuckets(bool(config.get("RestrictPublicBuckets")))));
        }
        buckets.put(logicalId, bucket);
    }

    // ---------------------------------------------------------------- intrinsic functions

    /** What !Ref of a provisioned resource gives, as in CloudFormation. */
    private Object ref(String logicalId) {
        if (tables.containsKey(logicalId)) {
            return tables.get(logicalId);
        }
        if (queues.containsKey(logicalId)) {
            return queues.get(logicalId).url();
        }
        if (secrets.containsKey(logicalId)) {
            return secrets.get(logicalId).arn();
        }
        return buckets.get(logicalId);
    }

    private Object attribute(String logicalId, String attribute) {
        ProvisionedResources.Queue queue = queues.get(logicalId);
        if (queue != null) {
            return switch (attribute) {
                case "Arn" -> queue.arn();
                case "QueueName" -> queue.name();
                case "QueueUrl" -> queue.url();
                default -> null;
            };
        }
        if (tables.containsKey(logicalId) && attribute.equals("Arn")) {
            return "arn:aws:dynamodb:" + emulator.region().id() + ":" + ACCOUNT_ID + ":table/" + tables.get(logicalId);
        }
        if (buckets.containsKey(logicalId) && attribute.equals("Arn")) {
            return "arn:aws:s3:::" + buckets.get(logicalId);
        }
        return null;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static boolean bool(Object value) {
        return Boolean.parseBoolean(String.valueOf(value));
    }

}
