package com.epicorups.port;

import java.util.Map;

/**
 * What one poll cycle did.
 *
 * @param skippedByReason releases skipped as not ours to ship, by reason code (ZERO_QUANTITY, DROP_SHIP, ...);
 *                        releases that need a fix (NO_PART, NO_WEIGHT, ...) are not here: they are enqueued
 * @param epicorCalls     every HTTP call made to Epicor in the cycle (token, pages, batched lookups)
 * @param checkpoint      the checkpoint values after the cycle
 * @param sweepPages      pages the reconciliation sweep read in this invocation (0 when it was not due)
 * @param sweepEnqueued   releases the sweep enqueued: eligible, never enqueued by the changed-since poll (no
 *                        shipment ledger record at all); not counted in {@code enqueued}
 * @param voidsEnqueued   pack mode: packs voided in Epicor after the connector shipped them, enqueued to void their
 *                        UPS shipment (0 in release mode)
 */
public record PollSummary(
        String pollId,
        int pages,
        int releasesSeen,
        int enqueued,
        Map<String, Integer> skippedByReason,
        int epicorCalls,
        Map<String, String> checkpoint,
        int sweepPages,
        int sweepEnqueued,
        int voidsEnqueued) {

    /** A cycle without a sweep. */
    public PollSummary(String pollId, int pages, int releasesSeen, int enqueued, Map<String, Integer> skippedByReason,
                       int epicorCalls, Map<String, String> checkpoint) {
        this(pollId, pages, releasesSeen, enqueued, skippedByReason, epicorCalls, checkpoint, 0, 0, 0);
    }

    /** A cycle and its sweep, without a void pass. */
    public PollSummary(String pollId, int pages, int releasesSeen, int enqueued, Map<String, Integer> skippedByReason,
                       int epicorCalls, Map<String, String> checkpoint, int sweepPages, int sweepEnqueued) {
        this(pollId, pages, releasesSeen, enqueued, skippedByReason, epicorCalls, checkpoint, sweepPages,
                sweepEnqueued, 0);
    }

    public PollSummary {
        skippedByReason = Map.copyOf(skippedByReason);
        checkpoint = checkpoint == null ? Map.of() : Map.copyOf(checkpoint);
    }
}
