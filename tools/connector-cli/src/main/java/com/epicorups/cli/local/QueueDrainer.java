package com.epicorups.cli.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.core.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event-source mapping, in miniature: receive up to ten messages, hand them to the handler as an
 * {@link SQSEvent}, delete every message the {@link SQSBatchResponse} does not list as failed, repeat. A failed
 * message comes back after the queue's visibility timeout; after maxReceiveCount receives SQS moves it to the DLQ.
 */
public final class QueueDrainer {
    /** What one drain did. {@code pending}: messages still visible or in flight when the wait ran out. */
    public record DrainResult(String queue, int invocations, int received, int deleted, int reportedFailures,
                              int pending, long elapsedMillis, long lastInvocationEndNanos) {
    }

    private final SqsClient sqs;
    private final String queueName;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final int receiveWaitSeconds;
    private final boolean pipelined;

    public QueueDrainer(SqsClient sqs, String queueName, String queueUrl, String queueArn,
                        RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        this(sqs, queueName, queueUrl, queueArn, handler, 10);
    }

    public QueueDrainer(SqsClient sqs, String queueName, String queueUrl, String queueArn,
                        RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize) {
        this(sqs, queueName, queueUrl, queueArn, handler, batchSize, 0);
    }

    /**
     * @param batchSize          messages per invocation at most (the event-source mapping's BatchSize, 1..10)
     * @param receiveWaitSeconds long polling (ReceiveMessage WaitTimeSeconds, 0..20): Lambda's pollers wait on an
     *                           empty queue instead of asking again at once, which keeps many concurrent drainers
     *                           from flooding the queue with empty receives
     *                           (no batching window: every receive that returns messages is an invocation)
     */
    public QueueDrainer(SqsClient sqs, String queueName, String queueUrl, String queueArn,
                        RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize, int receiveWaitSeconds) {
        this(sqs, queueName, queueUrl, queueArn, handler, batchSize, receiveWaitSeconds, false);
    }

    private QueueDrainer(SqsClient sqs, String queueName, String queueUrl, String queueArn,
                         RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize, int receiveWaitSeconds,
                         boolean pipelined) {
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batchSize must be 1..10");
        }
        if (receiveWaitSeconds < 0 || receiveWaitSeconds > 20) {
            throw new IllegalArgumentException("receiveWaitSeconds must be 0..20");
        }
        this.batchSize = batchSize;
        this.receiveWaitSeconds = receiveWaitSeconds;
        this.sqs = sqs;
        this.queueName = queueName;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.pipelined = pipelined;
    }

    /**
     * This drainer as Lambda's event-source mapping runs under load: its pollers are not the function's container,
     * so they receive the next batch while the handler runs and delete a batch's messages after the handler
     * returned, and a busy container is invoked again as soon as it returns. (The plain drainer receives, invokes
     * and deletes in turn, which suits a local run that shows one step at a time.)
     */
    public QueueDrainer pipelined() {
        return new QueueDrainer(sqs, queueName, queueUrl, queueArn, handler, batchSize, receiveWaitSeconds, true);
    }

    /**
     * Drains until the queue holds nothing visible or in flight, or until {@code maxWait} has passed while only
     * messages in retry backoff remain (those are reported as pending).
     */
    public DrainResult drain(Duration maxWait) {
        return drain(maxWait, Long.MAX_VALUE);
    }

    /**
     * Like {@link #drain(Duration)}, but invokes no handler after {@code stopAtNanos} ({@link System#nanoTime()}):
     * a benchmark's time limit. What is left is reported as pending.
     */
    public DrainResult drain(Duration maxWait, long stopAtNanos) {
        if (!pipelined) {
            return drain(maxWait, stopAtNanos, Runnable::run);
        }
        ExecutorService pollers = Executors.newFixedThreadPool(2, DaemonThreads.named("esm-poller-" + queueName));
        try {
            return drain(maxWait, stopAtNanos, pollers);
        } finally {
            pollers.shutdownNow();
        }
    }

    /** {@code pollers} runs the receives and the deletes: the calling thread itself, or threads of the mapping. */
    private DrainResult drain(Duration maxWait, long stopAtNanos, Executor pollers) {
        long started = System.nanoTime();
        long deadline = started + maxWait.toNanos();
        int invocations = 0;
        int received = 0;
        int failures = 0;
        int pending = 0;
        long lastInvocationEnd = 0;
        List<CompletableFuture<Integer>> deletes = new ArrayList<>();
        CompletableFuture<List<Message>> prefetched = null;
        while (true) {
            if (System.nanoTime() - stopAtNanos > 0 && stopAtNanos != Long.MAX_VALUE) {
                if (prefetched != null) {
                    release(await(prefetched));
                }
                pending = depthAfter(deletes);
                break;
            }
            List<Message> messages = await(prefetched != null ? prefetched
                    : CompletableFuture.supplyAsync(this::receive, pollers));
            prefetched = null;
            if (messages.isEmpty()) {
                int remaining = depthAfter(deletes);
                if (remaining == 0) {
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    pending = remaining;
                    break;
                }
                sleep(200);
                continue;
            }
            if (pipelined) {
                prefetched = CompletableFuture.supplyAsync(this::receive, pollers);
            }
            received += messages.size();
            invocations++;
            SQSBatchResponse response = handler.handleRequest(toEvent(messages), null);
            lastInvocationEnd = System.nanoTime();
            Set<String> failed = new HashSet<>();
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
            failures += failed.size();
            List<DeleteMessageBatchRequestEntry> toDelete = new ArrayList<>();
            for (Message m : messages) {
                if (!failed.contains(m.messageId())) {
                    toDelete.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).build());
                }
            }
            if (!toDelete.isEmpty()) {
                deletes.add(CompletableFuture.supplyAsync(() -> sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl)
                        .entries(toDelete)).successful().size(), pollers));
            }
        }
        int deleted = deletes.stream().mapToInt(QueueDrainer::await).sum();
        return new DrainResult(queueName, invocations, received, deleted, failures, pending,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), lastInvocationEnd);
    }

    /** The queue's depth once the deletes asked for so far are done. */
    private int depthAfter(List<CompletableFuture<Integer>> deletes) {
        deletes.forEach(QueueDrainer::await);
        return depth();
    }

    /** The call's result, or its own exception (an SQS error reads the same whether or not a poller thread ran it). */
    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Makes received messages visible again at once: they were received for a batch that will not run. */
    private void release(List<Message> messages) {
        if (!messages.isEmpty()) {
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(messages.stream()
                    .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build())
                    .toList()));
        }
    }

    private List<Message> receive() {
        return receive(batchSize, receiveWaitSeconds);
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** Visible plus in-flight messages. */
    public int depth() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributesAsStrings().forEach(attributes::put);
            attributes.putIfAbsent("ApproximateReceiveCount", "1");
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            m.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(EmbeddedSqs.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + "messages in retry backoff", e);
        }
    }
}
