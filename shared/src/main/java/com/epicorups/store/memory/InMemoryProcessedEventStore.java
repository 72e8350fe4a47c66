package com.epicorups.store.memory;

import com.epicorups.store.ProcessedEventStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The local-run processed-event store: same contract as a DynamoDB one, held in memory. */
public final class InMemoryProcessedEventStore implements ProcessedEventStore {
    private final Map<String, Instant> processed = new ConcurrentHashMap<>();

    @Override
    public boolean seen(String eventId) {
        return processed.containsKey(eventId);
    }

    @Override
    public void remember(String eventId, Instant processedAt) {
        processed.putIfAbsent(eventId, processedAt);
    }

    public int size() {
        return processed.size();
    }
}
