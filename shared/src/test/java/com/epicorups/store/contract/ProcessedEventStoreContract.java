package com.epicorups.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.store.ProcessedEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class ProcessedEventStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private ProcessedEventStore store;

    /** A fresh store whose clock reads {@link #T0}. */
    protected abstract ProcessedEventStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void anEventIsSeenOnlyOnceRemembered() {
        assertThat(store.seen("1Z999AA10123456784#D#2026-11-27T09:14:00Z")).isFalse();
        store.remember("1Z999AA10123456784#D#2026-11-27T09:14:00Z", T0);
        assertThat(store.seen("1Z999AA10123456784#D#2026-11-27T09:14:00Z")).isTrue();
        assertThat(store.seen("1Z999AA10123456784#I#2026-11-27T09:14:00Z")).as("another event").isFalse();
        assertThat(store.seen("1z999aa10123456784#d#2026-11-27T09:14:00Z")).as("ids are exact").isFalse();
    }

    @Test
    void rememberingTwiceIsHarmless() {
        store.remember("e-1", T0);
        store.remember("e-1", T0.plusSeconds(5));
        assertThat(store.seen("e-1")).isTrue();
    }

    @Test
    void concurrentRemembersOfOneEventAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    store.remember("e-race", T0.plusMillis(n));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.seen("e-race")).isTrue();
    }
}
