package com.epicorups.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.store.CachedToken;
import com.epicorups.store.TokenCacheStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class TokenCacheStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String KEY = "ups#c1d2e3#merchant";
    private TokenCacheStore store;

    protected abstract TokenCacheStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void ofManyConcurrentRefreshersExactlyOneGetsTheLease() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String owner = "lambda-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.tryAcquireRefreshLease(KEY, owner, T0, LEASE);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLeaseEndsWithTheTokenItsExpiryOrItsRelease() {
        assertThat(store.get(KEY)).isEmpty();
        assertThat(store.tryAcquireRefreshLease(KEY, "a", T0, LEASE)).isTrue();
        assertThat(store.tryAcquireRefreshLease(KEY, "a", T0.plusSeconds(1), LEASE)).as("holder renews").isTrue();
        assertThat(store.tryAcquireRefreshLease(KEY, "b", T0.plusSeconds(2), LEASE)).isFalse();

        CachedToken token = new CachedToken("secret-token", T0, T0.plus(Duration.ofHours(4)));
        store.storeToken(KEY, "a", token);
        assertThat(store.get(KEY)).contains(token);
        assertThat(store.tryAcquireRefreshLease(KEY, "b", T0.plusSeconds(3), LEASE)).as("released by store").isTrue();

        store.releaseLease(KEY, "a");
        assertThat(store.tryAcquireRefreshLease(KEY, "c", T0.plusSeconds(4), LEASE)).as("not a's to release").isFalse();
        store.releaseLease(KEY, "b");
        assertThat(store.tryAcquireRefreshLease(KEY, "c", T0.plusSeconds(5), LEASE)).isTrue();
        assertThat(store.tryAcquireRefreshLease(KEY, "d", T0.plusSeconds(5).plus(LEASE), LEASE))
                .as("expired lease").isTrue();
        assertThat(store.get(KEY)).as("token kept while leases come and go").contains(token);
    }

    @Test
    void dailyRequestsCountPerDay() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 27);
        assertThat(store.dailyRequests(KEY, day)).isZero();
        assertThat(store.incrementDailyRequests(KEY, day)).isEqualTo(1);
        assertThat(store.incrementDailyRequests(KEY, day)).isEqualTo(2);
        assertThat(store.incrementDailyRequests(KEY, day.plusDays(1))).isEqualTo(1);
        assertThat(store.incrementDailyRequests("ups#other", day)).isEqualTo(1);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> store.incrementDailyRequests(KEY, day)));
            }
            List<Long> counts = new ArrayList<>();
            for (Future<Long> result : results) {
                counts.add(result.get());
            }
            assertThat(counts).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.dailyRequests(KEY, day)).isEqualTo(22);
        assertThat(store.dailyRequests(KEY, day.plusDays(1))).isEqualTo(1);
    }

    @Test
    void aThrottleBlockIsSharedAndOnlyEverExtended() {
        assertThat(store.blockedUntil(KEY)).isEmpty();
        Instant until = T0.plusSeconds(60);
        store.blockUntil(KEY, until);
        assertThat(store.blockedUntil(KEY)).contains(until);
        assertThat(store.blockedUntil("ups#other")).as("per credential set").isEmpty();

        store.blockUntil(KEY, T0.plusSeconds(10));
        assertThat(store.blockedUntil(KEY)).as("a shorter block does not shorten it").contains(until);
        store.blockUntil(KEY, T0.plusSeconds(120));
        assertThat(store.blockedUntil(KEY)).contains(T0.plusSeconds(120));

        CachedToken token = new CachedToken("secret-token", T0, T0.plus(Duration.ofHours(4)));
        assertThat(store.tryAcquireRefreshLease(KEY, "a", T0, LEASE)).isTrue();
        store.storeToken(KEY, "a", token);
        assertThat(store.get(KEY)).as("the block lives beside the token").contains(token);
        assertThat(store.blockedUntil(KEY)).contains(T0.plusSeconds(120));
    }
}
