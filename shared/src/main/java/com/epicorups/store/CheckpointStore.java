package com.epicorups.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Poll checkpoints with optimistic locking, so that two overlapping runs cannot corrupt one. */
public interface CheckpointStore {
    Optional<Checkpoint> load(String name);

    /**
     * Stores {@code values} as version {@code expectedVersion + 1} if the stored version is still
     * {@code expectedVersion} (0 when none is stored). Returns false, writing nothing, on a conflict.
     */
    boolean compareAndSet(String name, long expectedVersion, Map<String, String> values, Instant now);
}
