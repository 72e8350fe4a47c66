package com.epicorups.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one Quantum View cycle did.
 *
 * @param skippedUntil set when the cycle did not read because UPS asked us to wait until then
 * @param error        the reason code when the read or the enqueue failed, else null
 */
public record QuantumViewSummary(String pollId, boolean read, int pages, int updatesEnqueued, Instant skippedUntil,
                                 Instant retryNotBefore, String error) {

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pollId", pollId);
        map.put("read", read);
        map.put("pages", pages);
        map.put("updatesEnqueued", updatesEnqueued);
        if (skippedUntil != null) {
            map.put("skippedUntil", skippedUntil.toString());
        }
        if (retryNotBefore != null) {
            map.put("retryNotBefore", retryNotBefore.toString());
        }
        if (error != null) {
            map.put("error", error);
        }
        return map;
    }
}
