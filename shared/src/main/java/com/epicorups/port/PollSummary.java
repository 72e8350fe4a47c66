package com.epicorups.port;

import java.util.Map;

/**
 * What one poll cycle did.
 *
 * @param skippedByReason releases skipped as not ours to ship, by reason code (ZERO_QUANTITY, DROP_SHIP, ...);
 *                        releases that need a fix (NO_PART, NO_WEIGHT, ...) are not here: they are enqueued
 * @param epicorCalls     every HTTP call made to Epicor in the cycle (token, pages, batched lookups)
 * @param checkpoint      the checkpoint values after the cycle
 */
public record PollSummary(
        String pollId,
        int pages,
        int releasesSeen,
        int enqueued,
        Map<String, Integer> skippedByReason,
        int epicorCalls,
        Map<String, String> checkpoint) {

    public PollSummary {
        skippedByReason = Map.copyOf(skippedByReason);
        checkpoint = checkpoint == null ? Map.of() : Map.copyOf(checkpoint);
    }
}
