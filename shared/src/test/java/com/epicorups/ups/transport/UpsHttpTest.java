package com.epicorups.ups.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsTestSupport;
import com.epicorups.ups.auth.UpsTokenProvider;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsHttpTest {
    private final UpsTestSupport ups = new UpsTestSupport();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    private UpsHttp http() {
        return ups.http(ups.settingsBuilder().transactionSrc("my-connector").build());
    }

    @Test
    void sendsBearerTransIdAndTransactionSrc() {
        ups.on("/api/x", r -> UpsTestSupport.json(200, "{\"ok\":\"1\"}"));
        UpsHttp http = http();
        http.get("x", "/api/x", null);
        http.post("x", "/api/x", Json.mapper().createObjectNode().put("a", "b"), null, UpsHttp.Retry.IDEMPOTENT);

        Set<String> transIds = new HashSet<>();
        for (RecordedRequest r : ups.requestsTo("/api/x")) {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer token-1");
            assertThat(r.getHeader("transactionSrc")).isEqualTo("my-connector");
            assertThat(r.getHeader("transId")).hasSizeLessThanOrEqualTo(32).isNotBlank();
            transIds.add(r.getHeader("transId"));
        }
        assertThat(transIds).hasSize(2);
        assertThat(ups.requestsTo("/api/x").get(1).getHeader("Content-Type")).startsWith("application/json");
        assertThat(http.calls("x")).isEqualTo(2);
    }

    @Test
    void on401RefreshesTheTokenOnceAndRetriesOnce() {
        ups.onSequence("/api/x", UpsTestSupport.error(401, "250002", "Invalid Authentication Information."),
                UpsTestSupport.json(200, "{\"ok\":\"1\"}"));
        UpsHttp http = http();
        assertThat(http.post("x", "/api/x", Json.mapper().createObjectNode(), null, UpsHttp.Retry.NEVER).json()
                .path("ok").asText()).isEqualTo("1");
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
        assertThat(ups.requestsTo("/api/x")).hasSize(2);
        assertThat(ups.requestsTo("/api/x").get(1).getHeader("Authorization")).isEqualTo("Bearer token-2");
    }

    @Test
    void aSecond401FailsPermanentlyWithTheProductHint() {
        ups.on("/api/shipments", r -> UpsTestSupport.error(401, "250002", "Invalid Authentication Information."));
        UpsHttp http = http();
        assertThatThrownBy(() -> http.post("ship", "/api/shipments/v2409/ship", Json.mapper().createObjectNode(), null,
                UpsHttp.Retry.NEVER)).isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_AUTH.code());
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.upsCodes()).containsExactly("250002");
                    assertThat(e.getMessage()).contains("may lack the Shipping API product");
                });
        assertThat(ups.requestsTo("/api/shipments")).hasSize(2);
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
    }

    /** ShipmentCreation releases its claim on a transient token failure: it must prove no ship POST was processed. */
    @Test
    void aTokenFailureAfterA401OnShipIsATokenExceptionAndUpsProcessedNoShipPost() {
        ups.on("/api/shipments", r -> UpsTestSupport.error(401, "250002", "Invalid Authentication Information."));
        UpsHttp http = http();
        http.tokens().accessToken(null);
        ups.onToken(r -> UpsTestSupport.error(503, "10004", "Service Unavailable"));

        assertThatThrownBy(() -> http.post("ship", "/api/shipments/v2409/ship", Json.mapper().createObjectNode(), null,
                UpsHttp.Retry.NEVER)).isInstanceOfSatisfying(com.epicorups.ups.auth.UpsTokenException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo("UPS_TOKEN_UNAVAILABLE");
                });
        assertThat(ups.requestsTo("/api/shipments")).as("only the POST UPS refused with 401").hasSize(1);
    }

    @Test
    void expiredTokenCodeIn200LessBodyAlsoRefreshes() {
        ups.onSequence("/api/x", UpsTestSupport.error(401, "251004", "Bearer token expired"),
                UpsTestSupport.json(200, "{}"));
        http().get("x", "/api/x", null);
        assertThat(ups.tokenCalls.get()).isEqualTo(2);
    }

    @Test
    void transientErrorsOnReadsAreRetriedWithBackoff() {
        ups.onSequence("/api/x", UpsTestSupport.error(429, "10429", "Too Many Requests"),
                UpsTestSupport.error(500, "10004", "try later"), UpsTestSupport.json(200, "{\"ok\":\"1\"}"));
        UpsHttp http = http();
        assertThat(http.get("x", "/api/x", null).json().path("ok").asText()).isEqualTo("1");
        assertThat(ups.requestsTo("/api/x")).hasSize(3);
        assertThat(ups.sleeper.sleeps).hasSize(2);
    }

    @Test
    void readsGiveUpAfterBoundedAttemptsAsTransient() {
        ups.on("/api/x", r -> UpsTestSupport.error(503, "10004", "Service Unavailable"));
        assertThatThrownBy(() -> http().get("x", "/api/x", null)).isInstanceOfSatisfying(UpsApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(e.reasonCode()).isEqualTo(Reason.UPS_UNAVAILABLE.code());
        });
        assertThat(ups.requestsTo("/api/x")).hasSize(3);
    }

    @Test
    void shipPostIsNeverRetriedAndA5xxMarksTheOutcomeUnknown() {
        ups.on("/api/shipments", r -> UpsTestSupport.error(503, "10004", "Service Unavailable"));
        assertThatThrownBy(() -> http().post("ship", "/api/shipments/v2409/ship", Json.mapper().createObjectNode(), null,
                UpsHttp.Retry.NEVER)).isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.outcomeUnknown()).isTrue();
                });
        assertThat(ups.requestsTo("/api/shipments")).hasSize(1);
    }

    @Test
    void shipThrottledIsTransientButKnownNotProcessed() {
        ups.on("/api/shipments", r -> UpsTestSupport.error(429, "10429", "Too Many Requests"));
        assertThatThrownBy(() -> http().post("ship", "/api/shipments/v2409/ship", Json.mapper().createObjectNode(), null,
                UpsHttp.Retry.NEVER)).isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_RATE_LIMITED.code());
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                });
        assertThat(ups.requestsTo("/api/shipments")).hasSize(1);
    }

    @Test
    void timeoutOnShipIsTransientAndOutcomeUnknown() {
        // UPS answers only once the client has given up: its 200 ms, not a race with the server, ends the call.
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        ups.on("/api/shipments", r -> {
            try {
                clientGaveUp.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return UpsTestSupport.json(200, "{}");
        });
        UpsSettings settings = ups.settingsBuilder().build();
        UpsHttp http = ups.http(settings);
        try {
            assertThatThrownBy(() -> http.send("ship", "POST", "/api/shipments/v2409/ship",
                    Json.mapper().createObjectNode(), null, UpsHttp.Retry.NEVER, Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(UpsApiException.class, e -> {
                        assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TIMEOUT.code());
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.outcomeUnknown()).isTrue();
                    });
        } finally {
            clientGaveUp.countDown();
        }
        assertThat(ups.requestsTo("/api/shipments")).hasSize(1);
    }

    @Test
    void businessErrorsArePermanentWithTheirCodes() {
        ups.on("/api/x", r -> UpsTestSupport.json(400, "{\"response\":{\"errors\":[{\"code\":\"120100\",\"message\":"
                + "\"Missing or invalid shipper number\"},{\"code\":\"120207\",\"message\":\"Invalid postal code\"}]}}"));
        assertThatThrownBy(() -> http().post("x", "/api/x", Json.mapper().createObjectNode(), null, UpsHttp.Retry.IDEMPOTENT))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_BUSINESS_ERROR.code());
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.upsCodes()).containsExactly("120100", "120207");
                    assertThat(e.getMessage()).contains("Missing or invalid shipper number");
                });
        assertThat(ups.requestsTo("/api/x")).hasSize(1);
    }

    @Test
    void blockedMerchantIsPermanent() {
        ups.on("/api/x", r -> UpsTestSupport.error(403, "250003", "Blocked Merchant"));
        assertThatThrownBy(() -> http().get("x", "/api/x", null)).isInstanceOfSatisfying(UpsApiException.class,
                e -> assertThat(e.reasonCode()).isEqualTo(Reason.UPS_BLOCKED_MERCHANT.code()));
    }

    @Test
    void connectionRefusedIsTransientConnectionError() throws Exception {
        UpsTestSupport other = new UpsTestSupport();
        UpsSettings settings = other.settingsBuilder().build();
        UpsTokenProvider tokens = other.tokenProvider(settings, new com.epicorups.store.memory.InMemoryTokenCacheStore());
        tokens.accessToken();
        UpsHttp http = new UpsHttp(other.secret(), settings, UpsHttp.newHttpClient(settings), tokens, other.sleeper,
                new com.epicorups.core.Backoff(Duration.ofMillis(10), Duration.ofMillis(20)), 2);
        other.close();
        assertThatThrownBy(() -> http.get("x", "/api/x", null)).isInstanceOfSatisfying(UpsApiException.class, e -> {
            assertThat(e.reasonCode()).isIn(Reason.UPS_CONNECTION.code(), Reason.UPS_TIMEOUT.code());
            assertThat(e.isTransient()).isTrue();
            assertThat(e.httpStatus()).isZero();
        });
    }

    @Test
    void droppedConnectionOnShipMarksOutcomeUnknown() {
        ups.on("/api/shipments", r -> new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        assertThatThrownBy(() -> http().post("ship", "/api/shipments/v2409/ship", Json.mapper().createObjectNode(), null,
                UpsHttp.Retry.NEVER)).isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.outcomeUnknown()).isTrue();
                });
        assertThat(ups.requestsTo("/api/shipments")).hasSize(1);
    }

    @Test
    void aCallThatMayCreateSomethingIsNotSentWhenItsWholeTimeoutNoLongerFitsTheDeadline() {
        ups.on("/api/shipments", r -> UpsTestSupport.json(200, "{\"ok\":\"1\"}"));
        UpsHttp http = http();
        // The ship timeout is 60 s: cut short, UPS's outcome would be unknown, so with 30 s left it is not sent.
        com.epicorups.core.Deadline deadline = com.epicorups.core.Deadline.after(Duration.ofSeconds(30));
        assertThatThrownBy(() -> com.epicorups.core.Deadline.within(deadline, () -> http.send("ship", "POST",
                "/api/shipments/v2409/ship", Json.mapper().createObjectNode(), null, UpsHttp.Retry.NEVER,
                Duration.ofSeconds(60)))).isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DEADLINE);
                    assertThat(e.outcomeUnknown()).as("nothing was sent").isFalse();
                    assertThat(e.reason().refusedUnprocessed()).isTrue();
                });
        assertThat(ups.requestsTo("/api/shipments")).isEmpty();
    }

    @Test
    void anIdempotentRetryIsOnlyStartedWhenItFitsTheDeadline() {
        // Each 503 takes 600 ms: after the first, less than the pause and a second is left of the 1.5 s budget.
        ups.on("/api/x", r -> UpsTestSupport.error(503, "190001", "busy").setHeadersDelay(600, TimeUnit.MILLISECONDS));
        UpsHttp http = http();
        com.epicorups.core.Deadline deadline = com.epicorups.core.Deadline.after(Duration.ofMillis(1500));
        assertThatThrownBy(() -> com.epicorups.core.Deadline.within(deadline, () -> http.get("x", "/api/x", null)))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DEADLINE);
                    assertThat(e.getMessage()).contains("last failure");
                });
        assertThat(ups.requestsTo("/api/x")).as("the first attempt only: the pause and a second do not fit")
                .hasSize(1);
    }
}
