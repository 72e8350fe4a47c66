package com.epicorups.aws;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.queue.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** An SQS queue: single sends with String message attributes, bulk sends in batches of ten. */
public final class SqsMessageQueue implements MessageQueue {
    static final int MAX_BATCH_ENTRIES = 10;
    /** SQS caps a whole batch at 256 KiB. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final int MAX_ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public String send(String body, Map<String, String> attributes) {
        return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)
                .messageAttributes(stringAttributes(attributes))).messageId();
    }

    /** Sends in batches of at most ten (and 256 KiB); entries SQS reports as failed are sent again. */
    @Override
    public void sendAll(List<String> bodies) {
        List<String> batch = new ArrayList<>();
        int batchBytes = 0;
        for (String body : bodies) {
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && (batch.size() == MAX_BATCH_ENTRIES || batchBytes + size > MAX_BATCH_BYTES)) {
                sendBatch(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(body);
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch);
        }
    }

    private void sendBatch(List<String> bodies) {
        Map<String, String> pending = new LinkedHashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            pending.put(Integer.toString(i), bodies.get(i));
        }
        List<BatchResultErrorEntry> failed = List.of();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = pending.entrySet().stream()
                    .map(e -> SendMessageBatchRequestEntry.builder().id(e.getKey()).messageBody(e.getValue()).build())
                    .toList();
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            response.successful().forEach(ok -> pending.remove(ok.id()));
            failed = response.failed();
            boolean permanent = failed.stream().anyMatch(BatchResultErrorEntry::senderFault);
            if (permanent) {
                break;
            }
        }
        if (!pending.isEmpty()) {
            boolean senderFault = failed.stream().anyMatch(BatchResultErrorEntry::senderFault);
            throw new ConnectorException(Reason.QUEUE_SEND_FAILED,
                    senderFault ? FailureKind.PERMANENT : FailureKind.TRANSIENT,
                    pending.size() + " of " + bodies.size() + " messages not sent to " + queueUrl + ": "
                    + failed.stream().map(f -> f.code() + " " + f.message()).distinct()
                    .collect(Collectors.joining("; ")), null);
        }
    }

    private static Map<String, MessageAttributeValue> stringAttributes(Map<String, String> attributes) {
        return attributes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> MessageAttributeValue.builder().dataType("String").stringValue(e.getValue()).build()));
    }
}
