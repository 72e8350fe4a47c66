package com.epicorups.pipeline;

/** Handles one queue message. Implementations classify failures themselves; a thrown exception means RETRY. */
@FunctionalInterface
public interface MessageHandler {
    MessageResult handle(InboundMessage message);
}
