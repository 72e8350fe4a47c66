package com.epicorups.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(AwsEmulatorExtension.class)
class AwsResourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateResources TEMPLATE =
            new TemplateResources(CloudFormationTemplate.load(AwsEmulator.connectorRoot().resolve("template.yaml")));

    private final AwsEmulator emulator;
    private final ProvisionedResources resources;

    AwsResourcesTest(AwsEmulator emulator, ProvisionedResources resources) {
        this.emulator = emulator;
        this.resources = resources;
    }

    @Test
    void tablesHaveTheDeclaredKeysIndexesAndTtl() {
        TableDescription shipments = describe(resources.shipmentsTable());
        assertThat(shipments.keySchema()).containsExactly(key("pk", KeyType.HASH));
        assertThat(shipments.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(shipments.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("byTrackingNumber", "bySubscriptionExpiry");
        GlobalSecondaryIndexDescription expiry = shipments.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals("bySubscriptionExpiry")).findFirst().orElseThrow();
        assertThat(expiry.keySchema()).containsExactly(key("openSubscription", KeyType.HASH),
                key("subscriptionExpiresAt", KeyType.RANGE));
        assertThat(expiry.projection().projectionType()).isEqualTo(ProjectionType.ALL);

        TableDescription audit = describe(resources.auditTable());
        assertThat(audit.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(audit.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("byDayOutcome");
            assertThat(gsi.keySchema()).containsExactly(key("dayOutcome", KeyType.HASH), key("sk", KeyType.RANGE));
        });

        for (String table : List.of(resources.auditTable(), resources.tokenCacheTable())) {
            var ttl = emulator.dynamoDb().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(ttl.attributeName()).isEqualTo("ttl");
        }
        assertThat(emulator.dynamoDb().describeTimeToLive(r -> r.tableName(resources.shipmentsTable()))
                .timeToLiveDescription().timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    @Test
    void queuesCarryTheirRedrivePoliciesAndAttributes() throws Exception {
        Map<QueueAttributeName, String> source = attributes(resources.shipmentRequestsQueueUrl());
        JsonNode redrive = JSON.readTree(source.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(resources.queueArn("ShipmentRequestsDLQ"));
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(5);
        assertThat(source.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo(String.valueOf(TEMPLATE.properties("ShipmentRequestsQueue").get("VisibilityTimeout")));

        // Not every emulator keeps these two: check what the harness resolved from the template.
        Map<String, String> dlq = resources.queue("ShipmentRequestsDLQ").attributes();
        assertThat(dlq.get("MessageRetentionPeriod")).isEqualTo("1209600");
        JsonNode allow = JSON.readTree(dlq.get("RedriveAllowPolicy"));
        assertThat(allow.get("redrivePermission").asText()).isEqualTo("byQueue");
        assertThat(allow.get("sourceQueueArns").get(0).asText()).isEqualTo(resources.queueArn("ShipmentRequestsQueue"));

        JsonNode trackingRedrive = JSON.readTree(attributes(resources.trackingUpdatesQueueUrl())
                .get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(trackingRedrive.get("deadLetterTargetArn").asText())
                .isEqualTo(resources.queueArn("TrackingUpdatesDLQ"));
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDlqAndRedrivesBack() {
        SqsClient sqs = emulator.sqs();
        String queue = resources.trackingUpdatesQueueUrl();
        String dlq = resources.trackingUpdatesDlqUrl();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("poison"));

        for (int receive = 1; receive <= 5; receive++) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0).waitTimeSeconds(20)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(got).as("receive %d", receive).singleElement().satisfies(m -> assertThat(m.body())
                    .isEqualTo("poison"));
        }
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0)).messages()).isEmpty();
        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlq).visibilityTimeout(0).waitTimeSeconds(20))
                .messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison"));

        String dlqArn = resources.queueArn("TrackingUpdatesDLQ");
        sqs.startMessageMoveTask(r -> r.sourceArn(dlqArn));
        awaitMoveTaskCompleted(sqs, dlqArn);
        List<Message> replayed = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(20)).messages();
        assertThat(replayed).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
    }

    @Test
    void secretsAndBucketExist() {
        Object declared = TEMPLATE.properties("EpicorSecret").get("SecretString");
        assertThat(emulator.secretsManager().getSecretValue(r -> r.secretId(resources.epicorSecretId()))
                .secretString()).isEqualTo(declared == null ? "{}" : declared);
        assertThat(emulator.s3().getBucketVersioning(r -> r.bucket(resources.labelBucket())).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void everyRunGetsItsOwnNamesAndTheContractEnvironment() {
        ProvisionedResources other = emulator.provision();
        assertThat(other.shipmentsTable()).isNotEqualTo(resources.shipmentsTable());
        assertThat(other.shipmentRequestsQueueUrl()).isNotEqualTo(resources.shipmentRequestsQueueUrl());
        assertThat(other.labelBucket()).isNotEqualTo(resources.labelBucket());

        Map<String, String> env = resources.environment();
        assertThat(env).containsKeys("TOKEN_CACHE_TABLE", "SHIPMENTS_TABLE", "AUDIT_TABLE",
                "SHIPMENT_REQUESTS_QUEUE_URL", "SHIPMENT_REQUESTS_DLQ_URL", "TRACKING_UPDATES_QUEUE_URL",
                "TRACKING_UPDATES_DLQ_URL", "EPICOR_SECRET_ID", "UPS_SECRET_ID", "WEBHOOK_SECRET_ID", "LABEL_BUCKET",
                "AWS_ENDPOINT_URL", "AWS_REGION");
        assertThat(env.get("AWS_ENDPOINT_URL")).startsWith("http://127.0.0.1:");
        assertThat(env.get("SHIPMENTS_TABLE")).isEqualTo(resources.shipmentsTable());
        assertThat(env.get("AWS_REGION")).isEqualTo("us-east-1");
    }

    @Test
    void theTemplatesFunctionVariablesResolvedAgainstThisRunNameWhatWasCreated() {
        StackValues stack = resources.stackValues();
        assertThat(stack.stackName()).isEqualTo(resources.runId());
        assertThat(stack.attributes().get("ShipmentRequestsQueue"))
                .containsEntry("Arn", resources.queueArn("ShipmentRequestsQueue"));

        StackFunction creator = StackFunction.resolve(AwsEmulator.connectorRoot().resolve("template.yaml"),
                "ShipmentCreatorFunction", stack);

        Map<String, String> contract = resources.environment();
        for (String name : List.of("TOKEN_CACHE_TABLE", "SHIPMENTS_TABLE", "AUDIT_TABLE", "SHIPMENT_REQUESTS_QUEUE_URL",
                "SHIPMENT_REQUESTS_DLQ_URL", "TRACKING_UPDATES_QUEUE_URL", "TRACKING_UPDATES_DLQ_URL",
                "EPICOR_SECRET_ID", "UPS_SECRET_ID", "WEBHOOK_SECRET_ID", "LABEL_BUCKET")) {
            assertThat(creator.environment()).as(name).containsEntry(name, contract.get(name));
        }
        assertThat(creator.environment()).containsEntry("POWERTOOLS_SERVICE_NAME", resources.runId());
        assertThat(emulator.s3().headBucket(r -> r.bucket(creator.environment().get("LABEL_BUCKET")))
                .sdkHttpResponse().isSuccessful()).isTrue();
    }

    private void awaitMoveTaskCompleted(SqsClient sqs, String dlqArn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            var tasks = sqs.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results();
            if (!tasks.isEmpty() && "COMPLETED".equals(tasks.get(0).status())) {
                return;
            }
            sleep();
        }
        throw new AssertionError("message move task did not complete");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TableDescription describe(String table) {
        return emulator.dynamoDb().describeTable(r -> r.tableName(table)).table();
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return emulator.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
