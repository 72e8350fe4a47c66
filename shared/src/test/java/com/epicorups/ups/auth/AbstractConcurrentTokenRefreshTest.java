package com.epicorups.ups.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Backoff;
import com.epicorups.store.TokenCacheStore;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsTestSupport;
import com.epicorups.ups.transport.Sleeper;
import com.epicorups.ups.transport.UpsHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many cold instances (separate UpsTokenProvider objects, as separate Lambdas would have) sharing one
 * TokenCacheStore make ONE token request. Subclasses supply the store (in memory here; DynamoDB against
 * an emulator in the lead's suite).
 */
public abstract class AbstractConcurrentTokenRefreshTest {
    protected final UpsTestSupport ups = new UpsTestSupport();

    /** A fresh, empty store shared by all callers of one test. */
    protected abstract TokenCacheStore newStore();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    @Test
    void fiftyConcurrentInstancesMakeOneTokenRequest() throws Exception {
        // The slow token answer keeps the lease held while the others arrive.
        ups.onToken(r -> UpsTestSupport.token("shared-token", Clock.systemUTC().instant(), 3600)
                .setBodyDelay(300, TimeUnit.MILLISECONDS));
        TokenCacheStore store = newStore();
        UpsSettings settings = ups.settingsBuilder().build();
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                UpsTokenProvider provider = new UpsTokenProvider(ups.secret(), settings, UpsHttp.newHttpClient(settings), store,
                        Clock.systemUTC(), Sleeper.SYSTEM, new TokenMetrics(line -> { }),
                        new UpsTokenProvider.Tuning(Duration.ofSeconds(30), Duration.ofSeconds(60),
                                Duration.ofMillis(20), 3, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                                Duration.ofHours(1)));
                results.add(pool.submit(() -> {
                    start.await();
                    String t = provider.accessToken();
                    seen.add(t);
                    return t;
                }));
            }
            start.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo("shared-token");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).containsExactly("shared-token");
        assertThat(ups.tokenCalls.get()).isEqualTo(1);
    }
}
