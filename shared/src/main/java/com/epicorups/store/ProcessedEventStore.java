package com.epicorups.store;

import java.time.Instant;

/**
 * Remembers which tracking events TrackingWriter has fully processed, so that a duplicate delivery (SQS at
 * least once, Quantum View and Track Alert reporting the same scan) is dropped. An event is remembered only
 * after it was written, so a failed write is retried rather than forgotten; two concurrent deliveries of the
 * same event may both write, which is harmless because the Epicor write is idempotent.
 */
public interface ProcessedEventStore {
    boolean seen(String eventId);

    void remember(String eventId, Instant processedAt);
}
