package com.epicorups.pipeline;

/**
 * One received queue message, independent of the Lambda event classes.
 *
 * @param receiveCount SQS ApproximateReceiveCount (1 on the first delivery)
 * @param sourceQueue  the queue's name (from the event source ARN), for DLQ attributes
 */
public record InboundMessage(String messageId, String body, String receiptHandle, int receiveCount,
                             String sourceQueue) {

    public static InboundMessage of(String messageId, String body) {
        return new InboundMessage(messageId, body, null, 1, null);
    }
}
