package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.port.CreatedShipment;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.TokenCacheStore;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.auth.UpsTokenException;
import com.epicorups.ups.auth.UpsTokenProvider;
import com.epicorups.ups.transport.Sleeper;
import com.epicorups.ups.transport.UpsHttp;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OAuth client credentials through the real token provider and transport against the sandbox's token endpoint. */
class TokenSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static final String UNKNOWN = "1Z0000000000000000";

    private static int tokenRequests() {
        return ups.sandbox().tokenRequests();
    }

    @Test
    void issuesOneTokenAndReusesItAcrossApis() {
        UpsClients clients = ups.clients();
        int before = tokenRequests();

        clients.tracking().track(UNKNOWN);
        clients.addressValidation().validate(Releases.NEW_YORK);
        clients.tracking().track(UNKNOWN);

        assertThat(tokenRequests() - before).isEqualTo(1);
        assertThat(clients.http().tokens().tokenRequests()).isEqualTo(1);
        assertThat(ups.metricLines()).anyMatch(l -> l.contains("\"UpsTokenRequests\":1"));
        assertThat(ups.metricLines()).noneMatch(l -> l.contains(UpsSandboxExtension.CLIENT_SECRET));
    }

    @Test
    void refreshesBeforeTheStatedExpiry() {
        UpsClients clients = ups.clients();
        clients.tracking().track(UNKNOWN);
        int before = tokenRequests();

        ups.clock().advance(Duration.ofMinutes(50));
        clients.tracking().track(UNKNOWN);
        assertThat(tokenRequests()).as("still outside the 5 minute margin").isEqualTo(before);

        ups.clock().advance(Duration.ofMinutes(6));
        clients.tracking().track(UNKNOWN);
        assertThat(tokenRequests()).as("inside the margin of the 1 h token").isEqualTo(before + 1);
    }

    @Test
    void revokedTokenIsRefreshedOnceAndTheCallRetried() {
        UpsClients clients = ups.clients();
        clients.tracking().track(UNKNOWN);
        int tokensBefore = tokenRequests();
        int tracksBefore = ups.sandbox().requests(Operation.TRACK);

        ups.sandbox().revokeTokens();
        assertThat(clients.tracking().track(UNKNOWN)).isEmpty();

        assertThat(tokenRequests()).isEqualTo(tokensBefore + 1);
        assertThat(ups.sandbox().requests(Operation.TRACK)).as("401 250002, then the retry").isEqualTo(tracksBefore + 2);
    }

    @Test
    void tokenEndpoint429BlocksFurtherTokenRequestsUntilTheBlockEnds() {
        UpsClients clients = ups.clients();
        ups.sandbox().faults().tokenTooManyRequests(1);
        int before = tokenRequests();

        assertThatThrownBy(() -> clients.tracking().track(UNKNOWN))
                .isInstanceOfSatisfying(UpsTokenException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_THROTTLED.code());
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.httpStatus()).isEqualTo(429);
                });
        assertThatThrownBy(() -> clients.tracking().track(UNKNOWN))
                .isInstanceOfSatisfying(UpsTokenException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_THROTTLED.code()));
        assertThat(tokenRequests()).as("blocked calls fail fast without asking UPS").isEqualTo(before + 1);

        ups.clock().advance(Duration.ofMinutes(6));
        assertThat(clients.tracking().track(UNKNOWN)).isEmpty();
        assertThat(tokenRequests()).isEqualTo(before + 2);
    }

    @Test
    void ourDailyBudgetStopsTokenRequestsBeforeUpsDoes() {
        UpsClients clients = ups.clients(ups.settingsBuilder().tokenDailyBudget(2).build());
        int before = tokenRequests();
        clients.tracking().track(UNKNOWN);
        ups.sandbox().revokeTokens();
        clients.tracking().track(UNKNOWN);
        ups.sandbox().revokeTokens();

        assertThatThrownBy(() -> clients.tracking().track(UNKNOWN))
                .isInstanceOfSatisfying(UpsTokenException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_BUDGET_EXHAUSTED.code());
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                });
        assertThat(tokenRequests() - before).as("the third request never left").isEqualTo(2);
    }

    @Test
    void upsDailyQuotaAnswered429IsThrottled() {
        ups.clock().advance(Duration.ofDays(1)); // a new UPS quota day for this client id
        ups.sandbox().dailyTokenQuota(1);
        try {
            UpsClients first = ups.clients();
            first.tracking().track(UNKNOWN);

            UpsClients second = ups.clients();
            assertThatThrownBy(() -> second.tracking().track(UNKNOWN))
                    .isInstanceOfSatisfying(UpsTokenException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_THROTTLED.code());
                        assertThat(e.httpStatus()).isEqualTo(429);
                    });
        } finally {
            ups.sandbox().dailyTokenQuota(250);
        }
    }

    @Test
    void eachWarehouseAccountGetsItsOwnTokenByMerchantId() {
        UpsClients clients = ups.clients();
        int before = ups.sandbox().issuedTokenMerchantIds().size();

        CreatedShipment chi = clients.shipping().create(List.of(Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK)));
        CreatedShipment atl = clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND", Releases.NEW_YORK)));
        clients.shipping().create(List.of(Releases.release("CHI", "UPS 2DAY", Releases.LOS_ANGELES)));
        clients.shipping().voidShipment(atl.shipmentId(), "ATL");
        clients.tracking().track(chi.shipmentId());

        List<String> merchants = ups.sandbox().issuedTokenMerchantIds();
        assertThat(merchants.subList(before, merchants.size())).as("one token per account, reused")
                .containsExactly(UpsSandboxExtension.CHI_ACCOUNT, UpsSandboxExtension.ATL_ACCOUNT, "");
        assertThat(clients.http().tokens().cacheKey(UpsSandboxExtension.CHI_ACCOUNT))
                .isNotEqualTo(clients.http().tokens().cacheKey(UpsSandboxExtension.ATL_ACCOUNT))
                .doesNotContain(UpsSandboxExtension.CLIENT_SECRET);
    }

    @Test
    void unknownMerchantIsRefusedAsRejected() {
        UpsClients clients = ups.clients(ups.secretBuilder().merchantId("ZZ9999").build(), ups.settings());

        assertThatThrownBy(() -> clients.tracking().track(UNKNOWN))
                .isInstanceOfSatisfying(UpsTokenException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TOKEN_REJECTED.code());
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                });
    }

    @Test
    void fiftyConcurrentCallersOnSeparateClientsSharingTheCacheMakeOneTokenRequest() throws Exception {
        // A slow token endpoint keeps the refresh lease held while the other callers arrive.
        ups.sandbox().faults().latency(Duration.ofMillis(300));
        TokenCacheStore store = new InMemoryTokenCacheStore();
        UpsSettings settings = ups.settings();
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        List<Future<?>> results = new ArrayList<>();
        int before = tokenRequests();
        try {
            for (int i = 0; i < callers; i++) {
                // Separate HttpClient, provider and transport per caller, as separate Lambda containers have.
                UpsTokenProvider provider = ups.tokenProvider(settings, UpsHttp.newHttpClient(settings), store, Sleeper.SYSTEM);
                UpsHttp own = new UpsHttp(ups.secret(), settings, UpsHttp.newHttpClient(settings), provider);
                results.add(pool.submit(() -> {
                    start.await();
                    tokens.add(provider.accessToken());
                    // and the token works against the API
                    new UpsClients(own).tracking().track(UNKNOWN);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : results) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokens).hasSize(1);
        assertThat(tokenRequests() - before).isEqualTo(1);
    }
}
