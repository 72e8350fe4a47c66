package com.epicorups.ups.auth;

import static com.epicorups.ups.UpsTestSupport.CLIENT_ID;
import static com.epicorups.ups.UpsTestSupport.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.store.CachedToken;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsTokenProviderTest {
    private final UpsTestSupport ups = new UpsTestSupport();
    private final InMemoryTokenCacheStore store = new InMemoryTokenCacheStore();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    private UpsTokenProvider provider(UpsSettings settings) {
        return ups.tokenProvider(settings, store);
    }

    private UpsTokenProvider provider(UpsSecret secret) {
        return ups.tokenProvider(secret, ups.settingsBuilder().build(), store);
    }

    @Test
    void requestsTokenWithBasicAuthFormBodyAndMerchantHeader() throws Exception {
        UpsTokenProvider tokens = provider(ups.secretBuilder().merchantId("A1B2C3").build());

        assertThat(tokens.accessToken()).isEqualTo("token-1");

        RecordedRequest r = ups.requestsTo(UpsTokenProvider.TOKEN_PATH).get(0);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(r.getHeader("x-merchant-id")).isEqualTo("A1B2C3");
        assertThat(r.getBody().readUtf8()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void expiryComesFromIssuedAtPlusExpiresInForOneHourTokens() {
        ups.tokenLifetime(3599);
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        tokens.accessToken();

        CachedToken cached = store.get(tokens.cacheKey(null)).orElseThrow();
        assertThat(cached.issuedAt()).isEqualTo(ups.clock.instant());
        assertThat(cached.expiresAt()).isEqualTo(ups.clock.instant().plusSeconds(3599));
    }

    @Test
    void fourHourTokenIsReusedUntilTheMarginBeforeExpiry() {
        ups.tokenLifetime(14399);
        UpsTokenProvider tokens = provider(ups.settingsBuilder().tokenRefreshMargin(Duration.ofMinutes(5)).build());
        assertThat(tokens.accessToken()).isEqualTo("token-1");

        ups.clock.advance(Duration.ofSeconds(14399 - 301));
        assertThat(tokens.accessToken()).isEqualTo("token-1");
        assertThat(ups.tokenCalls.get()).isEqualTo(1);

        ups.clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.accessToken()).isEqualTo("token-2");
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
    }

    @Test
    void oneHourTokenIsRefreshedFiveMinutesEarly() {
        ups.tokenLifetime(3600);
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        tokens.accessToken();
        ups.clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertThat(tokens.accessToken()).isEqualTo("token-1");
        ups.clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.accessToken()).isEqualTo("token-2");
    }

    @Test
    void issuedAtFromUpsIsUsedNotOurOwnRequestTime() {
        Instant issued = ups.clock.instant().minusSeconds(600);
        ups.onToken(r -> UpsTestSupport.token("old-issued", issued, 3600));
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        tokens.accessToken();
        assertThat(store.get(tokens.cacheKey(null)).orElseThrow().expiresAt()).isEqualTo(issued.plusSeconds(3600));
    }

    @Test
    void secondProviderReusesTheSharedStoreToken() {
        UpsSettings settings = ups.settingsBuilder().build();
        provider(settings).accessToken();
        assertThat(provider(settings).accessToken()).isEqualTo("token-1");
        assertThat(ups.tokenCalls.get()).isEqualTo(1);
    }

    @Test
    void cacheKeyNamesTheAccountNotTheSecret() {
        UpsTokenProvider tokens = provider(ups.secretBuilder().merchantId("A1B2C3").build());
        assertThat(tokens.cacheKey(null)).matches("ups#[0-9a-f]{16}#A1B2C3");
        assertThat(tokens.cacheKey("Z9Z9Z9")).endsWith("#Z9Z9Z9");
        assertThat(provider(ups.settingsBuilder().build()).cacheKey(null)).endsWith("#default");
        assertThat(tokens.cacheKey(null)).doesNotContain(CLIENT_SECRET).doesNotContain(CLIENT_ID);
    }

    @Test
    void invalidateForcesANewTokenEvenThoughTheStoreStillHoldsTheOldOne() {
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        String first = tokens.accessToken();
        tokens.invalidate(null, first);
        assertThat(tokens.accessToken()).isEqualTo("token-2");
        assertThat(store.get(tokens.cacheKey(null)).orElseThrow().accessToken()).isEqualTo("token-2");
    }

    @Test
    void rejectedCredentialsFailPermanentlyWithoutRetry() {
        ups.onToken(r -> UpsTestSupport.error(401, "10401", "ClientId is Invalid"));
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(UpsTokenException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_REJECTED.code());
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.getMessage()).contains("client id or client secret");
        });
        assertThat(ups.tokenCalls.get()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenFailTransient() {
        ups.onToken(r -> UpsTestSupport.error(503, "10004", "try again later"));
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(UpsTokenException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_UNAVAILABLE.code());
            assertThat(e.getMessage()).contains("after 3 attempts");
        });
        assertThat(ups.tokenCalls.get()).isEqualTo(3);
        assertThat(ups.sleeper.sleeps).hasSize(2);
        assertThat(ups.sleeper.sleeps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void serverErrorThenSuccessRecovers() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ups.onToken(r -> n.incrementAndGet() == 1 ? UpsTestSupport.error(500, "10004", "x")
                : UpsTestSupport.token("after-retry", ups.clock.instant(), 3600));
        assertThat(provider(ups.settingsBuilder().build()).accessToken()).isEqualTo("after-retry");
    }

    @Test
    void throttledTokenEndpointBlocksForMinutesAndFailsFastMeanwhile() {
        ups.onToken(r -> UpsTestSupport.error(429, "10429", "Too Many Requests"));
        UpsSettings settings = ups.settingsBuilder().tokenThrottleBlock(Duration.ofMinutes(5)).build();
        UpsTokenProvider tokens = provider(settings);

        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(UpsTokenException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_THROTTLED.code());
        });
        assertThat(ups.tokenCalls.get()).isEqualTo(1);
        assertThat(ups.sleeper.sleeps).isEmpty();

        ups.clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(tokens::accessToken).hasMessageContaining("no token request until");
        // Another instance sharing the store is blocked too.
        assertThatThrownBy(() -> provider(settings).accessToken())
                .isInstanceOfSatisfying(UpsTokenException.class, e -> assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_THROTTLED.code()));
        assertThat(ups.tokenCalls.get()).isEqualTo(1);

        ups.clock.advance(Duration.ofMinutes(2));
        ups.onToken(r -> UpsTestSupport.token("after-block", ups.clock.instant(), 3600));
        assertThat(tokens.accessToken()).isEqualTo("after-block");
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
    }

    @Test
    void repeatedThrottlingDoublesTheBlock() {
        ups.onToken(r -> UpsTestSupport.error(429, "10429", "Too Many Requests"));
        UpsTokenProvider tokens = provider(ups.settingsBuilder().tokenThrottleBlock(Duration.ofMinutes(5)).build());
        assertThatThrownBy(tokens::accessToken).isInstanceOf(UpsTokenException.class);
        ups.clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(tokens::accessToken).isInstanceOf(UpsTokenException.class);
        assertThat(store.blockedUntil(tokens.cacheKey(null))).contains(ups.clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void dailyBudgetRefusesFurtherTokenRequestsAndEmitsMetrics() {
        UpsSettings settings = ups.settingsBuilder().tokenDailyBudget(2).build();
        UpsTokenProvider tokens = provider(settings);
        tokens.accessToken();
        tokens.invalidate();
        tokens.accessToken();
        tokens.invalidate();

        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(UpsTokenException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_BUDGET_EXHAUSTED.code());
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
        });
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
        assertThat(ups.metricLines).hasSize(2);
        assertThat(ups.metricLines.get(1)).contains("\"Namespace\":\"EpicorUpsConnector\"")
                .contains("\"UpsTokenRequests\":1").contains("\"UpsTokenRequestsToday\":2")
                .contains("\"UpsTokenDailyBudget\":2");
        assertThat(store.dailyRequests(tokens.cacheKey(null), LocalDate.ofInstant(ups.clock.instant(), ZoneOffset.UTC)))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void secretNeverAppearsInLogsMetricsOrToString() {
        List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
        LogConfig previous = JsonLogger.configure(new LogConfig(LogLevel.TRACE, LogConfig.DEFAULT_SERVICE, logged::add,
                java.time.Clock.systemUTC()));
        try {
            UpsSettings settings = ups.settingsBuilder().build();
            UpsTokenProvider tokens = provider(settings);
            tokens.accessToken();
            ups.onToken(r -> UpsTestSupport.error(429, "10429", "Too Many Requests"));
            tokens.invalidate();
            try {
                tokens.accessToken();
            } catch (UpsTokenException e) {
                logged.add(e.getMessage());
            }
            logged.add(tokens.toString());
            logged.add(settings.toString());
            logged.add(store.get(tokens.cacheKey(null)).orElseThrow().toString());
            logged.addAll(ups.metricLines);
        } finally {
            JsonLogger.configure(previous);
        }
        assertThat(logged).as("the 429 was logged").anyMatch(line -> line.contains("ups_token_throttled"));
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(String.join("\n", logged)).doesNotContain(CLIENT_SECRET).doesNotContain(basic).doesNotContain("token-1");
    }

    @Test
    void aTokenInsideTheMarginIsStillUsedWhenTheRefreshFails() {
        ups.tokenLifetime(3600);
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        tokens.accessToken();
        ups.onToken(r -> UpsTestSupport.error(429, "10429", "Too Many Requests"));
        ups.clock.advance(Duration.ofMinutes(57));
        assertThat(tokens.accessToken()).isEqualTo("token-1");
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
        ups.clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.accessToken()).isEqualTo("token-1");
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
        ups.clock.advance(Duration.ofMinutes(3));
        assertThatThrownBy(tokens::accessToken).isInstanceOfSatisfying(UpsTokenException.class,
                e -> assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_THROTTLED.code()));
    }

    @Test
    void aRefusedTokenIsNeverReusedAsAFallback() {
        UpsTokenProvider tokens = provider(ups.settingsBuilder().build());
        String first = tokens.accessToken();
        ups.onToken(r -> UpsTestSupport.error(503, "10004", "down"));
        tokens.invalidate(null, first);
        assertThatThrownBy(tokens::accessToken).isInstanceOf(UpsTokenException.class);
    }

    @Test
    void eachRefreshTakesTheLeaseUnderANewOwnerSoInstancesResumedFromOneSnapshotNeverShareIt() {
        List<String> owners = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.epicorups.store.TokenCacheStore recording = new com.epicorups.store.TokenCacheStore() {
            @Override
            public java.util.Optional<CachedToken> get(String cacheKey) {
                return store.get(cacheKey);
            }

            @Override
            public boolean tryAcquireRefreshLease(String cacheKey, String owner, Instant now, Duration leaseFor) {
                owners.add(owner);
                return store.tryAcquireRefreshLease(cacheKey, owner, now, leaseFor);
            }

            @Override
            public void storeToken(String cacheKey, String owner, CachedToken token) {
                store.storeToken(cacheKey, owner, token);
            }

            @Override
            public void releaseLease(String cacheKey, String owner) {
                store.releaseLease(cacheKey, owner);
            }

            @Override
            public long incrementDailyRequests(String cacheKey, LocalDate day) {
                return store.incrementDailyRequests(cacheKey, day);
            }

            @Override
            public long dailyRequests(String cacheKey, LocalDate day) {
                return store.dailyRequests(cacheKey, day);
            }
        };
        ups.tokenLifetime(3599);
        UpsTokenProvider tokens = ups.tokenProvider(ups.settingsBuilder().build(), recording);

        assertThat(tokens.accessToken()).isEqualTo("token-1");
        ups.clock.advance(Duration.ofSeconds(3600));
        assertThat(tokens.accessToken()).isEqualTo("token-2");

        assertThat(owners).hasSize(2).doesNotHaveDuplicates().allSatisfy(o -> assertThat(o).startsWith("ups-token-"));
    }
}
