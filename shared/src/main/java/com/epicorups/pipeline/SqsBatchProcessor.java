package com.epicorups.pipeline;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.core.DaemonThreads;
import com.epicorups.core.Deadline;
import com.epicorups.core.Reason;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one SQS batch through a {@link MessageHandler}: opens it ({@link MessageHandler#open}), hands each message to
 * the {@link MessageBatch}, at most {@code concurrency} messages at a time, finishes it, and
 * answers with the ids of the messages to redeliver (ReportBatchItemFailures). Nothing one message does can
 * fail the others: an exception out of the handler counts as a transient failure of that message only.
 * The pool is created once per container and reused by later invocations.
 *
 * <p>With the queue's {@code maxReceiveCount} known, each message says whether it is on its last receive
 * ({@link InboundMessage#isLastReceive()}): the handlers then treat a transient failure as final and send the
 * message to its DLQ themselves, with the reason, instead of leaving it to SQS's redrive, which moves it there
 * without one.
 */
public final class SqsBatchProcessor {
    private static final JsonLogger LOG = JsonLogger.getLogger(SqsBatchProcessor.class);

    private final int concurrency;
    private final VisibilityBackoff backoff;
    private final int maxReceiveCount;
    private final ExecutorService pool;

    /** Without the queue's maxReceiveCount: every transient failure is left to SQS. */
    public SqsBatchProcessor(int concurrency) {
        this(concurrency, VisibilityBackoff.none());
    }

    public SqsBatchProcessor(int concurrency, VisibilityBackoff backoff) {
        this(concurrency, backoff, 0);
    }

    /**
     * @param maxReceiveCount the source queue's RedrivePolicy maxReceiveCount (MAX_RECEIVE_COUNT); 0: unknown
     */
    public SqsBatchProcessor(int concurrency, VisibilityBackoff backoff, int maxReceiveCount) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (maxReceiveCount < 0) {
            throw new IllegalArgumentException("maxReceiveCount must not be negative");
        }
        this.concurrency = concurrency;
        this.backoff = backoff;
        this.maxReceiveCount = maxReceiveCount;
        this.pool = Executors.newFixedThreadPool(concurrency, DaemonThreads.named("batch-worker"));
    }

    public int concurrency() {
        return concurrency;
    }

    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    public SQSBatchResponse process(SQSEvent event, MessageHandler batchHandler) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<InboundMessage> messages = onceEach(records.stream().map(m -> toInbound(m, maxReceiveCount)).toList());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        MessageBatch handler = open(batchHandler, messages);
        if (messages.size() == 1) {
            if (handleOne(messages.get(0), handler)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(0).messageId()));
            }
            return new SQSBatchResponse(finish(handler, messages, failures));
        }
        // The workers run under the caller's deadline (the invocation's: Deadline is per thread).
        Deadline deadline = Deadline.current();
        List<Future<Boolean>> futures = new ArrayList<>();
        for (InboundMessage message : messages) {
            futures.add(pool.submit(() -> Deadline.within(deadline, () -> handleOne(message, handler))));
        }
        for (int i = 0; i < futures.size(); i++) {
            boolean retry;
            try {
                retry = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                retry = true;
            } catch (ExecutionException e) {
                retry = true;
            }
            if (retry) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).messageId()));
            }
        }
        return new SQSBatchResponse(finish(handler, messages, failures));
    }

    /**
     * SQS delivers at least once, and a batch gathered over the batching window can hold the same message twice
     * (same message id, its newer receive with a higher receive count). It is handled once, as its latest receive:
     * the batch response is per message id, so that one outcome decides for both copies, and a second handling
     * could only find its own claim in progress and, on a last receive, dead-letter a release that shipped.
     */
    static List<InboundMessage> onceEach(List<InboundMessage> messages) {
        java.util.Map<String, InboundMessage> latest = new java.util.LinkedHashMap<>();
        for (InboundMessage m : messages) {
            latest.merge(m.messageId(), m, (a, b) -> b.receiveCount() > a.receiveCount() ? b : a);
        }
        if (latest.size() < messages.size()) {
            LOG.info("duplicate_messages_in_batch", "messages", messages.size(), "distinct", latest.size());
            return List.copyOf(latest.values());
        }
        return messages;
    }

    /** Adds the messages the batch's end-of-batch work could not finish for (each failure listed once). */
    private static List<SQSBatchResponse.BatchItemFailure> finish(MessageBatch handler,
                                                                      List<InboundMessage> messages,
                                                                      List<SQSBatchResponse.BatchItemFailure> failures) {
        if (messages.isEmpty()) {
            return failures;
        }
        List<String> more;
        try {
            more = handler.finish();
        } catch (RuntimeException e) {
            // A broken end-of-batch step must not lose work: every message is delivered again.
            LOG.warn("batch_end_failed", "messages", messages.size(), "error", e.getClass().getName());
            more = messages.stream().map(InboundMessage::messageId).toList();
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        failures.forEach(f -> listed.add(f.getItemIdentifier()));
        for (String id : more) {
            if (id != null && listed.add(id)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(id));
            }
        }
        return failures;
    }

    /** The opened batch; a failing preparation only costs the batch its shared work, never a message. */
    private static MessageBatch open(MessageHandler handler, List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return handler::handle;
        }
        try {
            MessageBatch prepared = handler.open(messages);
            return prepared == null ? handler::handle : prepared;
        } catch (RuntimeException e) {
            LOG.warn("batch_prepare_failed", "messages", messages.size(),
                    "error", e.getClass().getName());
            return handler::handle;
        }
    }

    /** Returns whether the message must be redelivered. */
    private boolean handleOne(InboundMessage message, MessageBatch handler) {
        CorrelationId.set(message.messageId());
        try {
            MessageResult result;
            try {
                result = handler.handle(message);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                LOG.warn("message_handler_threw", "messageId", String.valueOf(message.messageId()),
                        "error", e.getClass().getName());
                result = MessageResult.retry(Reason.UNEXPECTED_ERROR, e.getClass().getName());
            }
            if (result == null || result.isRetry()) {
                backoff.apply(message, result);
                return true;
            }
            return false;
        } finally {
            CorrelationId.clear();
        }
    }

    static InboundMessage toInbound(SQSEvent.SQSMessage m, int maxReceiveCount) {
        int receiveCount = 1;
        Map<String, String> attributes = m.getAttributes();
        if (attributes != null && attributes.get("ApproximateReceiveCount") != null) {
            try {
                receiveCount = Integer.parseInt(attributes.get("ApproximateReceiveCount"));
            } catch (NumberFormatException ignored) {
                receiveCount = 1;
            }
        }
        return new InboundMessage(m.getMessageId(), m.getBody(), m.getReceiptHandle(), receiveCount,
                queueName(m.getEventSourceArn()), maxReceiveCount);
    }

    /** arn:aws:sqs:region:account:name -> name. */
    static String queueName(String arn) {
        if (arn == null || arn.isBlank()) {
            return null;
        }
        int colon = arn.lastIndexOf(':');
        return colon >= 0 ? arn.substring(colon + 1) : arn;
    }
}
