package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.transientError;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.app.AwsParts;
import com.epicorups.app.ConnectorAssembly;
import com.epicorups.aws.SqsMessageQueue;
import com.epicorups.core.Json;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.TrackingWritingTest.ScriptedWriteBack;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.AwsEmulatorExtension;
import com.epicorups.testing.aws.ProvisionedResources;
import com.epicorups.queue.MessageQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The last receive against the emulator's SQS, with the template's queues and RedrivePolicy: the test plays the
 * Lambda event-source mapping (receive, hand the batch to the processor, delete what it did not report, make a
 * reported message visible again at once instead of after its backoff). A tracking update Epicor keeps refusing
 * transiently comes back until its last receive, where the writer dead-letters it with why; with the DLQ out of
 * reach it stays a batch item failure and SQS's own redrive moves it there, without the attributes.
 */
@ExtendWith(AwsEmulatorExtension.class)
class LastReceiveSqsTest {
    private final SqsClient sqs;
    private final ProvisionedResources resources;
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedWriteBack epicor = new ScriptedWriteBack();

    LastReceiveSqsTest(AwsEmulator aws, ProvisionedResources resources) {
        this.sqs = aws.sqs();
        this.resources = resources;
        Instant shippedAt = Instant.parse("2026-11-27T12:00:00Z");
        ledger.claim(KEY, "creator", shippedAt, Duration.ofMinutes(10));
        ledger.markShipped(KEY, "creator", "1ZSHIP", List.of("1Z999AA10123456784"), null, shippedAt);
        epicor.failFor.put(KEY, transientError("EPICOR_UNAVAILABLE"));
    }

    @Test
    void aTransientFailureOnTheLastReceiveLandsInTheDlqWithItsReasonAndIsDeletedFromTheQueue() {
        String queue = resources.trackingUpdatesQueueUrl();
        String dlq = resources.trackingUpdatesDlqUrl();
        int maxReceiveCount = redriveMaxReceiveCount(queue);
        TrackingWriting writer = writer(new SqsMessageQueue(sqs, dlq));
        String body = update("e-last");
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));

        List<Integer> reported = drain(queue, writer, maxReceiveCount);

        assertThat(maxReceiveCount).as("template default").isEqualTo(5);
        assertThat(reported).as("receives reported as batch item failures").containsExactly(1, 2, 3, 4);
        assertThat(receiveAll(queue)).as("deleted from its queue").isEmpty();
        List<Message> dead = receiveAll(dlq);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.messageAttributes().get("reasonCode").stringValue()).isEqualTo("EPICOR_UNAVAILABLE");
            assertThat(m.messageAttributes().get("reasonMessage").stringValue())
                    .isEqualTo("EPICOR_UNAVAILABLE after 5 attempts: EPICOR_UNAVAILABLE detail");
            assertThat(m.messageAttributes().get("sourceQueue").stringValue())
                    .isEqualTo(resources.queue("TrackingUpdatesQueue").name());
            assertThat(Instant.parse(m.messageAttributes().get("failedAt").stringValue())).isNotNull();
        });
        AuditEntry last = lastAudit();
        assertThat(last.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(last.replayMessage()).isEqualTo(body);
    }

    @Test
    void whenTheDlqCannotBeReachedTheLastReceiveStaysABatchItemFailureAndSqsRedrivesIt() {
        String queue = resources.shipmentRequestsQueueUrl(); // this test's own queue pair, used for updates here
        String dlq = resources.shipmentRequestsDlqUrl();
        int maxReceiveCount = redriveMaxReceiveCount(queue);
        MessageQueue unreachable = new SqsMessageQueue(sqs, dlq + "-missing");
        TrackingWriting writer = writer(unreachable);
        String body = update("e-no-dlq");
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));

        List<Integer> reported = drain(queue, writer, maxReceiveCount);

        assertThat(reported).containsExactly(1, 2, 3, 4, 5);
        List<Message> dead = receiveAll(dlq);
        assertThat(dead).as("moved by SQS's redrive").singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.messageAttributes()).doesNotContainKey("reasonCode");
        });
        assertThat(lastAudit().outcome()).isEqualTo(AuditOutcome.RETRYING);
        assertThat(audit.forSubject(KEY.asString())).noneMatch(e -> e.outcome() == AuditOutcome.FAILED);
    }

    @Test
    void theSqsConsumersTakeTheQueuesMaxReceiveCountFromTheirEnvironment() {
        Map<String, String> env = new HashMap<>(resources.environment());
        env.put("MAX_RECEIVE_COUNT", "3");
        try (AwsParts aws = AwsParts.connect(env, java.util.Optional.empty())) {
            ConnectorAssembly assembly = new ConnectorAssembly(aws.parts());
            assertThat(assembly.shipmentRequestsBatch().maxReceiveCount()).isEqualTo(3);
            assertThat(assembly.trackingUpdatesBatch().maxReceiveCount()).isEqualTo(3);
        }
        env.remove("MAX_RECEIVE_COUNT");
        try (AwsParts aws = AwsParts.connect(env, java.util.Optional.empty())) {
            assertThat(new ConnectorAssembly(aws.parts()).trackingUpdatesBatch().maxReceiveCount())
                    .as("unset: the template parameter's default").isEqualTo(5);
        }
    }

    private TrackingWriting writer(MessageQueue deadLetterQueue) {
        return new TrackingWriting(ledger, epicor, new InMemoryProcessedEventStore(), audit, deadLetterQueue,
                Clock.systemUTC());
    }

    /**
     * Receives and processes until the queue is empty; returns the receive counts the processor reported as
     * batch item failures. A reported message is made visible again at once (its backoff, shortened).
     */
    private List<Integer> drain(String queue, MessageHandler handler, int maxReceiveCount) {
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        VisibilityBackoff immediately = new VisibilityBackoff((receiptHandle, delay) -> sqs.changeMessageVisibility(
                r -> r.queueUrl(queue).receiptHandle(receiptHandle).visibilityTimeout(0)),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        SqsBatchProcessor processor = new SqsBatchProcessor(1, immediately, maxReceiveCount);
        List<Integer> reported = new ArrayList<>();
        for (int round = 0; round < maxReceiveCount + 3; round++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            SQSBatchResponse response = processor.process(event(messages, arn), handler);
            Set<String> failed = new HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            for (Message m : messages) {
                if (failed.contains(m.messageId())) {
                    reported.add(Integer.parseInt(m.attributesAsStrings().get("ApproximateReceiveCount")));
                } else {
                    sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return reported;
    }

    private int redriveMaxReceiveCount(String queue) {
        String policy = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        try {
            return Json.mapper().readTree(policy).get("maxReceiveCount").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Message> receiveAll(String queue) {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
    }

    private AuditEntry lastAudit() {
        List<AuditEntry> entries = audit.forSubject(KEY.asString());
        return entries.get(entries.size() - 1);
    }

    private static SQSEvent event(List<Message> messages, String arn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setBody(m.body());
            record.setReceiptHandle(m.receiptHandle());
            record.setEventSourceArn(arn);
            record.setAttributes(new HashMap<>(m.attributesAsStrings()));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static String update(String eventId) {
        try {
            return Json.mapper().writeValueAsString(new TrackingUpdate(eventId, TrackingSource.SHIPMENT_CREATOR, KEY,
                    "1ZSHIP", List.of("1Z999AA10123456784"), TrackingStatus.LABEL_CREATED, "Shipment label created",
                    Instant.parse("2026-11-27T12:00:00Z"), null, null, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
