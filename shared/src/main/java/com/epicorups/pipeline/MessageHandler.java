package com.epicorups.pipeline;

import java.util.List;

/** Handles one queue message. Implementations classify failures themselves; a thrown exception means RETRY. */
@FunctionalInterface
public interface MessageHandler {
    MessageResult handle(InboundMessage message);

    /**
     * Opens one SQS batch, before any of its messages is handled, with all of them. A handler that can do work for
     * the whole batch at once (one batched Epicor read instead of one per message) does it here; the default
     * handles each message on its own. Must not throw: whatever it could not prepare, the per-message path does on
     * its own.
     */
    default MessageBatch open(List<InboundMessage> messages) {
        return this::handle;
    }
}
