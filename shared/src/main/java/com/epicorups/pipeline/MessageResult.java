package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import java.time.Duration;

/**
 * What handling one queue message came to. Only {@link Disposition#RETRY} leaves the message on the queue.
 *
 * @param reason     why it was skipped, dead-lettered or retried; null when done
 * @param retryAfter for a RETRY, the earliest moment a redelivery can succeed (for example when a ledger claim
 *                   lease ends); null when only the usual backoff applies
 */
public record MessageResult(Disposition disposition, Reason reason, String detail, Duration retryAfter) {

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

    public static MessageResult skipped(Reason reason, String detail) {
        return new MessageResult(Disposition.SKIPPED, reason, detail, null);
    }

    public static MessageResult deadLettered(Reason reason, String detail) {
        return new MessageResult(Disposition.DEAD_LETTERED, reason, detail, null);
    }

    public static MessageResult retry(Reason reason, String detail) {
        return new MessageResult(Disposition.RETRY, reason, detail, null);
    }

    public static MessageResult retryAfter(Reason reason, String detail, Duration after) {
        return new MessageResult(Disposition.RETRY, reason, detail, after);
    }

    /** The reason's code as users see it, or null. */
    public String reasonCode() {
        return reason == null ? null : reason.code();
    }

    public boolean isRetry() {
        return disposition == Disposition.RETRY;
    }
}
