package com.epicorups.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The outcome of Track Alert subscribe calls: accepted numbers with expiry, rejected ones with the reason. */
public record SubscriptionResult(List<String> accepted, Map<String, String> rejected, Instant expiresAt) {
    public SubscriptionResult {
        accepted = List.copyOf(accepted);
        rejected = Map.copyOf(rejected);
    }
}
