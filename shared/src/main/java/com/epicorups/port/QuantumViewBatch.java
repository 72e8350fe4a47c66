package com.epicorups.port;

import com.epicorups.model.TrackingUpdate;
import java.time.Duration;
import java.util.List;

/**
 * Everything one Quantum View read returned (all bookmark pages). QV reads are consume-once, so the raw
 * responses are kept for the audit.
 *
 * @param retryAfter UPS's MinimumRetrySeconds when it asked us to wait, else null
 */
public record QuantumViewBatch(List<TrackingUpdate> updates, List<String> rawResponses, int pages,
                               Duration retryAfter) {
    public QuantumViewBatch {
        updates = List.copyOf(updates);
        rawResponses = List.copyOf(rawResponses);
    }
}
