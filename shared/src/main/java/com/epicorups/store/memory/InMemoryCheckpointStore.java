package com.epicorups.store.memory;

import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The local-run checkpoint store: same contract as the DynamoDB one, held in memory. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<Checkpoint> load(String name) {
        return Optional.ofNullable(checkpoints.get(name));
    }

    @Override
    public boolean compareAndSet(String name, long expectedVersion, Map<String, String> values, Instant now) {
        Checkpoint next = new Checkpoint(name, expectedVersion + 1, values, now);
        if (expectedVersion == 0) {
            return checkpoints.putIfAbsent(name, next) == null;
        }
        boolean[] applied = {false};
        checkpoints.computeIfPresent(name, (k, current) -> {
            if (current.version() == expectedVersion) {
                applied[0] = true;
                return next;
            }
            return current;
        });
        return applied[0];
    }
}
