package com.epicorups.pipeline;

/**
 * One received queue message, independent of the Lambda event classes.
 *
 * @param receiveCount    SQS ApproximateReceiveCount (1 on the first delivery)
 * @param sourceQueue     the queue's name (from the event source ARN), for DLQ attributes
 * @param maxReceiveCount the queue's RedrivePolicy maxReceiveCount: on that receive a transient failure is final
 *                        (SQS would move the message to its DLQ without saying why); 0 when unknown
 */
public record InboundMessage(String messageId, String body, String receiptHandle, int receiveCount,
                             String sourceQueue, int maxReceiveCount) {

    public InboundMessage(String messageId, String body, String receiptHandle, int receiveCount, String sourceQueue) {
        this(messageId, body, receiptHandle, receiveCount, sourceQueue, 0);
    }

    public static InboundMessage of(String messageId, String body) {
        return new InboundMessage(messageId, body, null, 1, null);
    }

    /** Whether SQS will not deliver this message again: failing now, it is moved to the DLQ by the redrive. */
    public boolean isLastReceive() {
        return maxReceiveCount > 0 && receiveCount >= maxReceiveCount;
    }
}
