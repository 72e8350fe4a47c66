package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.queue.MessageQueue;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a message that failed permanently straight to its DLQ, unchanged, with the attributes operators and
 * the replay tooling read: reasonCode, reasonMessage, failedAt, sourceQueue.
 */
public final class DeadLetters {
    private static final JsonLogger LOG = JsonLogger.getLogger(DeadLetters.class);
    public static final String REASON_CODE = "reasonCode";
    public static final String REASON_MESSAGE = "reasonMessage";
    public static final String FAILED_AT = "failedAt";
    public static final String SOURCE_QUEUE = "sourceQueue";

    private final MessageQueue dlq;
    private final String defaultSourceQueue;
    private final Clock clock;

    public DeadLetters(MessageQueue dlq, String defaultSourceQueue, Clock clock) {
        this.dlq = dlq;
        this.defaultSourceQueue = defaultSourceQueue;
        this.clock = clock;
    }

    /** Throws when the DLQ cannot be reached: the caller then leaves the message on its queue. */
    public void send(InboundMessage message, Reason reason, String reasonMessage) {
        String source = message.sourceQueue() != null ? message.sourceQueue() : defaultSourceQueue;
        dlq.send(message.body() == null ? "" : message.body(), Map.of(
                REASON_CODE, reason.code(),
                REASON_MESSAGE, Texts.truncate(reasonMessage == null ? reason.code() : reasonMessage, 1000),
                FAILED_AT, clock.instant().toString(),
                SOURCE_QUEUE, source == null ? "unknown" : source));
    }

    /**
     * Dead-letters the message and says so; when the DLQ is unreachable the message stays on its queue for a
     * retry instead (the ledger makes the redelivery safe), so it is never lost.
     */
    public MessageResult deadLetter(InboundMessage message, Reason reason, String reasonMessage) {
        try {
            send(message, reason, reasonMessage);
        } catch (RuntimeException e) {
            LOG.warn("dead_letter_send_failed", "reasonCode", reason.code(), "error", e.getClass().getSimpleName());
            return MessageResult.retry(Reason.DLQ_UNAVAILABLE, reason.code());
        }
        return MessageResult.deadLettered(reason, reasonMessage);
    }

    /**
     * On a message's last receive a transient failure is final: sends the message to the DLQ with the transient
     * reason and how often it was tried ("EPICOR_UNAVAILABLE after 5 attempts: ..."), and returns that reason
     * message. Empty when SQS will deliver the message again, or when the DLQ cannot be reached (logged): the
     * caller then retries as before, and SQS's redrive moves the message (without these attributes).
     */
    public Optional<String> deadLetterIfLastReceive(InboundMessage message, Reason reason, String reasonMessage) {
        if (!message.isLastReceive()) {
            return Optional.empty();
        }
        String sent = reason.code() + " after " + message.receiveCount() + " attempts: "
                + (reasonMessage == null ? reason.code() : reasonMessage);
        try {
            send(message, reason, sent);
            return Optional.of(sent);
        } catch (RuntimeException e) {
            LOG.warn("dead_letter_send_failed", "reasonCode", reason.code(), "lastReceive", true,
                    "error", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
