package com.epicorups.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.AuditReplay;
import com.epicorups.pipeline.KeptWebhookEvent;
import com.epicorups.pipeline.ReplaySummary;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.WebhookResponse;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.LabelStore;
import com.epicorups.store.dynamo.DynamoAuditLog;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.AwsEmulatorExtension;
import com.epicorups.testing.aws.ProvisionedResources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A Track Alert event UPS accepted from us is never lost, with real SDK clients: SQS and DynamoDB failing together
 * (both pointed at a dead endpoint) keep it whole in the label bucket under webhook-events/, from where it is put
 * back into the audit and replayed onto tracking-updates.
 */
@ExtendWith(AwsEmulatorExtension.class)
class TrackAlertEventNeverLostTest {
    private static final String CREDENTIAL = "credential-value-1";
    private final AwsEmulator aws;
    private final ProvisionedResources resources;
    private final DeadEndpointSwitch sqsDown = new DeadEndpointSwitch();
    private final DeadEndpointSwitch dynamoDown = new DeadEndpointSwitch();
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;

    private final TrackAlertReceiver receiver = (headers, body) -> !CREDENTIAL.equals(headers.get("credential"))
            ? WebhookVerdict.rejected(401, Reason.WEBHOOK_UNAUTHENTICATED, "credential does not match")
            : WebhookVerdict.accepted(new TrackingUpdate("ta:1ZLOST", TrackingSource.TRACK_ALERT, null, null,
            List.of("1Z12345E0205271686"), TrackingStatus.DELIVERED, "Delivered", Instant.parse(
            "2026-11-27T12:00:00Z"), null, Instant.parse("2026-11-27T12:00:00Z"), null));

    TrackAlertEventNeverLostTest(AwsEmulator aws, ProvisionedResources resources) {
        this.aws = aws;
        this.resources = resources;
        this.sqs = aws.sqsBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(sqsDown)).build();
        this.dynamo = aws.dynamoDbBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(dynamoDown)).build();
    }

    @AfterEach
    void close() {
        sqs.close();
        dynamo.close();
    }

    @Test
    void sqsAndDynamoDbFailingTogetherKeepTheEventInTheLabelBucketFromWhereItIsReplayed() throws Exception {
        String bucket = resources.labelBucket();
        LabelStore labels = new S3LabelStore(aws.s3(), bucket);
        TrackAlertIntake intake = new TrackAlertIntake(receiver,
                new SqsMessageQueue(sqs, resources.trackingUpdatesQueueUrl()),
                new DynamoAuditLog(dynamo, resources.auditTable()), labels, Clock.systemUTC());
        sqsDown.down();
        dynamoDown.down();

        WebhookResponse response = intake.receive(Map.of("credential", CREDENTIAL), "{\"trackingNumber\":\"...\"}");

        assertThat(response.statusCode()).as("our failure: a 5xx for the alarm").isEqualTo(503);
        List<S3Object> kept = aws.s3().listObjectsV2(r -> r.bucket(bucket).prefix(LabelStore.KEPT_EVENTS_PREFIX))
                .contents().stream().filter(o -> o.lastModified() != null).toList();
        assertThat(kept).isNotEmpty();
        String json = labels.keptEvent("s3://" + bucket + "/" + kept.get(kept.size() - 1).key());
        AuditEntry entry = KeptWebhookEvent.fromJson(json);
        assertThat(entry.reasonCode()).isEqualTo("ENQUEUE_FAILED");
        assertThat(entry.details()).containsEntry(AuditReplay.REPLAY_QUEUE, "tracking-updates");
        assertThat(Json.mapper().readTree(entry.replayMessage()).path("eventId").asText()).isEqualTo("ta:1ZLOST");

        // Back up: the operator puts it into the audit and replays it (connector replay --kept does both).
        sqsDown.up();
        dynamoDown.up();
        DynamoAuditLog audit = new DynamoAuditLog(dynamo, resources.auditTable());
        audit.record(entry);
        List<String> replayed = new ArrayList<>();
        ReplaySummary summary = new AuditReplay(audit, Map.of("tracking-updates", (body, attributes) -> {
            replayed.add(body);
            return "m";
        }), Clock.systemUTC()).replaySubject(entry.subjectKey(), false);
        assertThat(summary.replayed()).isEqualTo(1);
        assertThat(replayed).singleElement().asString().contains("\"eventId\":\"ta:1ZLOST\"");
    }

    @Test
    void whenOnlySqsFailsTheEventIsKeptWholeInItsAuditItemAndNothingGoesToTheBucket() {
        InMemoryAuditLog audit = new InMemoryAuditLog();
        String bucket = resources.labelBucket();
        TrackAlertIntake intake = new TrackAlertIntake(receiver,
                new SqsMessageQueue(sqs, resources.trackingUpdatesQueueUrl()), audit,
                new S3LabelStore(aws.s3(), bucket), Clock.systemUTC());
        int keptBefore = aws.s3().listObjectsV2(r -> r.bucket(bucket).prefix(LabelStore.KEPT_EVENTS_PREFIX))
                .contents().size();
        sqsDown.down();

        assertThat(intake.receive(Map.of("credential", CREDENTIAL), "{}").statusCode()).isEqualTo(503);

        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("ENQUEUE_FAILED");
            assertThat(e.replayMessage()).contains("\"eventId\":\"ta:1ZLOST\"");
        });
        assertThat(aws.s3().listObjectsV2(r -> r.bucket(bucket).prefix(LabelStore.KEPT_EVENTS_PREFIX)).contents())
                .hasSize(keptBefore);
    }

    @Test
    void whenS3FailsTooTheWholeEventIsInAnErrorLineOfTheWebhooksLog() throws Exception {
        DeadEndpointSwitch s3Down = new DeadEndpointSwitch();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.epicorups.logging.LogConfig previous = com.epicorups.logging.JsonLogger.configure(
                new com.epicorups.logging.LogConfig(com.epicorups.logging.LogLevel.INFO, "connector-test", lines::add,
                        Clock.systemUTC()));
        try (software.amazon.awssdk.services.s3.S3Client s3 = aws.s3Builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(s3Down)).build()) {
            TrackAlertIntake intake = new TrackAlertIntake(receiver,
                    new SqsMessageQueue(sqs, resources.trackingUpdatesQueueUrl()),
                    new DynamoAuditLog(dynamo, resources.auditTable()), new S3LabelStore(s3, resources.labelBucket()),
                    Clock.systemUTC());
            sqsDown.down();
            dynamoDown.down();
            s3Down.down();

            assertThat(intake.receive(Map.of("credential", CREDENTIAL), "{}").statusCode()).isEqualTo(503);
        } finally {
            com.epicorups.logging.JsonLogger.configure(previous);
        }
        com.fasterxml.jackson.databind.JsonNode last = lines.stream().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(l -> "webhook_event_lost_but_logged".equals(l.path("message").asText())).findFirst().orElseThrow();
        assertThat(last.path("level").asText()).isEqualTo("ERROR");
        AuditEntry entry = KeptWebhookEvent.fromJson(last.path("keptEvent").asText());
        assertThat(Json.mapper().readTree(entry.replayMessage()).path("eventId").asText()).isEqualTo("ta:1ZLOST");
        assertThat(String.join("\n", lines)).doesNotContain(CREDENTIAL);
    }
}
