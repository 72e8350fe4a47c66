package com.epicorups.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class CheckpointStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private CheckpointStore store;

    protected abstract CheckpointStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void versionsAdvanceOnlyFromTheExpectedOne() {
        assertThat(store.load("orders")).isEmpty();
        assertThat(store.compareAndSet("orders", 0, Map.of("sysRevId", "100"), T0)).isTrue();
        assertThat(store.compareAndSet("orders", 0, Map.of("sysRevId", "999"), T0)).as("second creation").isFalse();
        Checkpoint first = store.load("orders").orElseThrow();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.values()).containsExactly(Map.entry("sysRevId", "100"));
        assertThat(first.updatedAt()).isEqualTo(T0);

        assertThat(store.compareAndSet("orders", 1, Map.of("sysRevId", "200", "page", "3"), T0.plusSeconds(60)))
                .isTrue();
        assertThat(store.compareAndSet("orders", 1, Map.of("sysRevId", "150"), T0.plusSeconds(61)))
                .as("stale version").isFalse();
        assertThat(store.compareAndSet("orders", 5, Map.of(), T0.plusSeconds(62))).as("future version").isFalse();
        Checkpoint second = store.load("orders").orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.values()).isEqualTo(Map.of("sysRevId", "200", "page", "3"));
        assertThat(store.load("quantum-view")).isEmpty();
        assertThat(store.compareAndSet("quantum-view", 3, Map.of(), T0)).as("missing, not version 3").isFalse();
    }

    @Test
    void ofConcurrentWritersFromOneVersionExactlyOneWins() throws Exception {
        store.compareAndSet("orders", 0, Map.of("n", "0"), T0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String value = Integer.toString(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return store.compareAndSet("orders", 1, Map.of("n", value), T0);
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(store.load("orders").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
