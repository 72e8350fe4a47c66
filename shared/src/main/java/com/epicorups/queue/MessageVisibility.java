package com.epicorups.queue;

import java.time.Duration;

/**
 * Pushes a received message's next delivery out (SQS ChangeMessageVisibility). Used for the retry backoff of
 * transient failures; the SQS adapter implements it for one queue.
 */
public interface MessageVisibility {
    void delay(String receiptHandle, Duration delay);
}
