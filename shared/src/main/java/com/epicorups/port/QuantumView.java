package com.epicorups.port;

public interface QuantumView {
    /** Reads all unread events of the configured subscription, following Bookmark until none remains. */
    QuantumViewBatch readUnread();
}
