package com.epicorups.pipeline;

import java.util.List;

/** Handles one queue message. Implementations classify failures themselves; a thrown exception means RETRY. */
@FunctionalInterface
public interface MessageHandler {
    MessageResult handle(InboundMessage message);

    /**
     * Called once per SQS batch, before any of its messages is handled, with all of them; returns the handler
     * the batch's messages are then handed to (possibly concurrently). A handler that can do work for the whole
     * batch at once (one batched Epicor read instead of one per message) does it here and returns a handler
     * that uses the result; the default does nothing. Must not throw: whatever it could not prepare, the
     * per-message path does on its own.
     */
    default MessageHandler forBatch(List<InboundMessage> messages) {
        return this;
    }

    /**
     * Called once on the handler {@link #forBatch} returned, after every message of the batch was handled: work
     * a handler deferred to the end of the batch (one batched send instead of one per message) is done here.
     * Returns the ids of messages that must be redelivered after all because that work failed; must not throw.
     */
    default List<String> afterBatch() {
        return List.of();
    }
}
