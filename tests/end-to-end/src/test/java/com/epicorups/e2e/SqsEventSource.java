package com.epicorups.e2e;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, on a real (emulated) queue: receive a batch with its system and
 * message attributes, build the {@link SQSEvent} Lambda would, invoke the handler, delete every message not
 * reported in {@code batchItemFailures}, and leave the failed ones to SQS (visibility timeout, maxReceiveCount,
 * redrive to the DLQ).
 */
final class SqsEventSource {
    /** One invocation: what was delivered and what the handler asked to retry. */
    record Invocation(List<Message> delivered, Set<String> failedMessageIds) {
        int size() {
            return delivered.size();
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final List<Invocation> invocations = new ArrayList<>();

    SqsEventSource(SqsClient sqs, String queueUrl, String queueArn, int batchSize) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
    }

    /** One poll of the queue and, if anything came, one invocation. Null when the queue gave nothing. */
    Invocation pollOnce(RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return null;
        }
        return invoke(handler, messages);
    }

    Invocation invoke(RequestHandler<SQSEvent, SQSBatchResponse> handler, List<Message> messages) {
        return invoke(handler, messages, new TestContext("sqs-" + queueArn));
    }

    Invocation invoke(RequestHandler<SQSEvent, SQSBatchResponse> handler, List<Message> messages,
                      TestContext context) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toRecord).toList());
        SQSBatchResponse response = handler.handleRequest(event, context);
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                try {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                } catch (software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException gone) {
                    // The same delivery was handled by another invocation, which deleted it first.
                }
            }
        }
        Invocation invocation = new Invocation(messages, failed);
        invocations.add(invocation);
        return invocation;
    }

    /**
     * Polls until the queue hands out nothing. Failed messages are made visible again at once when
     * {@code redeliverFailuresAtOnce} (standing in for their backoff having passed), so a message that keeps
     * failing reaches maxReceiveCount and SQS moves it to the DLQ.
     */
    int drain(RequestHandler<SQSEvent, SQSBatchResponse> handler, boolean redeliverFailuresAtOnce, int maxPolls) {
        int handled = 0;
        for (int i = 0; i < maxPolls; i++) {
            Invocation invocation = pollOnce(handler);
            if (invocation == null) {
                return handled;
            }
            handled += invocation.size();
            if (redeliverFailuresAtOnce) {
                makeVisible(invocation);
            }
        }
        throw new AssertionError("queue " + queueUrl + " not drained after " + maxPolls + " polls");
    }

    void makeVisible(Invocation invocation) {
        for (Message m : invocation.delivered()) {
            if (invocation.failedMessageIds().contains(m.messageId())) {
                try {
                    sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                } catch (software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException gone) {
                    // Another invocation of the same delivery succeeded and deleted it.
                }
            }
        }
    }

    List<Invocation> invocations() {
        return invocations;
    }

    private SQSEvent.SQSMessage toRecord(Message m) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        record.setMd5OfBody(m.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        for (Map.Entry<String, MessageAttributeValue> e : m.messageAttributes().entrySet()) {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(e.getValue().dataType());
            a.setStringValue(e.getValue().stringValue());
            messageAttributes.put(e.getKey(), a);
        }
        record.setMessageAttributes(messageAttributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        return record;
    }
}
