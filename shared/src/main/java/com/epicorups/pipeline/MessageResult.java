package com.epicorups.pipeline;

import java.time.Duration;

/**
 * What handling one queue message came to. Only {@link Disposition#RETRY} leaves the message on the queue.
 *
 * @param retryAfter for a RETRY, the earliest moment a redelivery can succeed (for example when a ledger claim
 *                   lease ends); null when only the usual backoff applies
 */
public record MessageResult(Disposition disposition, String reasonCode, String detail, Duration retryAfter) {

    public enum Disposition {
        /** The work is done. */
        DONE,
        /** Nothing to do (duplicate, already shipped, release no longer wanted); acknowledged. */
        SKIPPED,
        /** A permanent failure: audited, sent to the DLQ, acknowledged. */
        DEAD_LETTERED,
        /** A transient failure: reported as a batch item failure so SQS redelivers it. */
        RETRY
    }

    public static MessageResult done() {
        return new MessageResult(Disposition.DONE, null, null, null);
    }

    public static MessageResult skipped(String reasonCode, String detail) {
        return new MessageResult(Disposition.SKIPPED, reasonCode, detail, null);
    }

    public static MessageResult deadLettered(String reasonCode, String detail) {
        return new MessageResult(Disposition.DEAD_LETTERED, reasonCode, detail, null);
    }

    public static MessageResult retry(String reasonCode, String detail) {
        return new MessageResult(Disposition.RETRY, reasonCode, detail, null);
    }

    public static MessageResult retryAfter(String reasonCode, String detail, Duration after) {
        return new MessageResult(Disposition.RETRY, reasonCode, detail, after);
    }

    public boolean isRetry() {
        return disposition == Disposition.RETRY;
    }
}
