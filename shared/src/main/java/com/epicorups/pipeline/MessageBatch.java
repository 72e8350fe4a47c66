package com.epicorups.pipeline;

import java.util.List;

/**
 * One SQS batch as a {@link MessageHandler} sees it, from {@link MessageHandler#open}: each of its messages is
 * handed to {@link #handle} once (possibly concurrently), then {@link #finish} is called once.
 */
@FunctionalInterface
public interface MessageBatch {
    /** Handles one message of the batch; a thrown exception means RETRY. */
    MessageResult handle(InboundMessage message);

    /**
     * After every message of the batch was handled: does the work deferred to the end of the batch (one batched
     * send instead of one per message). Returns the ids of messages that must be redelivered after all because
     * that work failed; must not throw.
     */
    default List<String> finish() {
        return List.of();
    }
}
