package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.store.AuditOutcome;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link CreationFailurePolicy} decided for an attempt that did not ship: data only, carried out by
 * {@link CreationFailureActions} in the order each kind states.
 */
sealed interface CreationDecision {

    /** What happens to the release's ledger item. */
    enum LedgerChange {
        /** Nothing: the claim is not ours, or it is kept until its lease ends. */
        NONE,
        /** The claim is released, so the retry can claim it at once. */
        RELEASE_CLAIM,
        /** NEEDS_ATTENTION with the reason: a replay claims it afresh. */
        NEEDS_ATTENTION
    }

    /**
     * The audit entry of the decision.
     *
     * @param withReplayMessage     the message body goes with it, so the entry can be replayed
     * @param withLedgerAttemptNumber the ledger item's attempt number is added as the {@code attempt} detail
     */
    record Audit(AuditOutcome outcome, String text, Map<String, String> details, boolean withReplayMessage,
                 boolean withLedgerAttemptNumber) {
    }

    /**
     * Left on the queue for SQS to deliver again: first the ledger, then the audit (none when null).
     *
     * @param retryAfter the earliest moment the retry can succeed (a claim's lease ending); null: the usual backoff
     */
    record Retry(Reason reason, String detail, Duration retryAfter, LedgerChange ledger, Audit audit)
            implements CreationDecision {
    }

    /** Sent to the DLQ at once: first the audit, then the ledger, then the DLQ (unreachable: retried). */
    record DeadLetter(Reason reason, String text, LedgerChange ledger, Audit audit) implements CreationDecision {
    }

    /**
     * The message's last receive: sent to the DLQ first, its reason message saying after how many attempts, then the
     * ledger, then the audit, whose text is that reason message. When the DLQ cannot be reached: {@code otherwise}.
     */
    record DeadLetterOnLastReceive(Reason reason, String why, LedgerChange ledger, Audit audit,
                                   CreationDecision otherwise) implements CreationDecision {
    }
}
