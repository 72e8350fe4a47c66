package com.epicorups.pipeline;

import com.epicorups.queue.MessageQueue;
import java.time.Clock;
import java.util.Map;

/**
 * Sends a message that failed permanently straight to its DLQ, unchanged, with the attributes operators and
 * the replay tooling read: reasonCode, reasonMessage, failedAt, sourceQueue.
 */
public final class DeadLetters {
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
    public void send(InboundMessage message, String reasonCode, String reasonMessage) {
        String source = message.sourceQueue() != null ? message.sourceQueue() : defaultSourceQueue;
        dlq.send(message.body() == null ? "" : message.body(), Map.of(
                REASON_CODE, reasonCode,
                REASON_MESSAGE, Texts.truncate(reasonMessage == null ? reasonCode : reasonMessage, 1000),
                FAILED_AT, clock.instant().toString(),
                SOURCE_QUEUE, source == null ? "unknown" : source));
    }
}
