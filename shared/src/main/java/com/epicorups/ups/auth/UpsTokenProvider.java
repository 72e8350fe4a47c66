package com.epicorups.ups.auth;

import com.epicorups.core.Backoff;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.store.CachedToken;
import com.epicorups.store.TokenCacheStore;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.transport.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OAuth client-credentials tokens for UPS, one per account (merchant id). A token is reused until a
 * margin before the expiry UPS states ({@code issued_at} + {@code expires_in}); it is cached in memory and
 * in the shared {@link TokenCacheStore}, and a refresh takes the store's lease so that many instances make
 * one token request. Every token request counts against a daily budget and writes an EMF metric line.
 * A 429 blocks the credential set for minutes (in memory and in the store); callers fail fast meanwhile.
 */
public final class UpsTokenProvider {
    private static final JsonLogger LOG = JsonLogger.getLogger(UpsTokenProvider.class);
    public static final String TOKEN_PATH = "/security/v1/oauth/token";

    /** Timing knobs that are not business settings. */
    public record Tuning(Duration leaseFor, Duration peerWait, Duration peerPoll, int maxAttempts, Backoff backoff,
                         Duration maxThrottleBlock) {
        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofMillis(100), 3,
                    new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2)), Duration.ofHours(1));
        }
    }

    private static final class State {
        volatile CachedToken token;
        volatile String rejected;
        volatile Instant blockedUntil;
        int consecutiveThrottles;
    }

    private final UpsSecret secret;
    private final UpsSettings settings;
    private final HttpClient http;
    private final TokenCacheStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TokenMetrics metrics;
    private final Tuning tuning;
    private final String clientHash;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    public UpsTokenProvider(UpsSecret secret, UpsSettings settings, HttpClient http, TokenCacheStore store) {
        this(secret, settings, http, store, Clock.systemUTC(), Sleeper.SYSTEM, TokenMetrics.stdout(), Tuning.defaults());
    }

    public UpsTokenProvider(UpsSecret secret, UpsSettings settings, HttpClient http, TokenCacheStore store,
                            Clock clock, Sleeper sleeper, TokenMetrics metrics, Tuning tuning) {
        this.secret = secret;
        this.settings = settings;
        this.http = http;
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.tuning = tuning;
        this.clientHash = sha256Hex(secret.clientId()).substring(0, 16);
    }

    /** The cache key for an account: names the client id by hash and the merchant, never the secret. */
    public String cacheKey(String merchantId) {
        String m = merchantId != null ? merchantId : secret.merchantId();
        return "ups#" + clientHash + "#" + (m == null ? "default" : m);
    }

    /** A valid bearer token for the secret's default merchant id. */
    public String accessToken() {
        return accessToken(null);
    }

    /** A valid bearer token for the account {@code merchantId} (null = the secret's merchant id). */
    public String accessToken(String merchantId) {
        String m = merchantId != null ? merchantId : secret.merchantId();
        String key = cacheKey(m);
        State st = states.computeIfAbsent(key, k -> new State());
        CachedToken t = st.token;
        if (usable(t, clock.instant(), st)) {
            return t.accessToken();
        }
        synchronized (st) {
            Instant now = clock.instant();
            t = st.token;
            if (usable(t, now, st)) {
                return t.accessToken();
            }
            Optional<CachedToken> shared = store.get(key);
            if (shared.isPresent() && usable(shared.get(), now, st)) {
                st.token = shared.get();
                return shared.get().accessToken();
            }
            try {
                return refresh(key, m, st, now);
            } catch (UpsTokenException e) {
                // The margin is for refreshing early; a token that has not expired yet still works.
                CachedToken fallback = stillValid(st.token, st) != null ? st.token
                        : stillValid(shared.orElse(null), st);
                if (fallback != null) {
                    LOG.warn("ups_token_refresh_failed_using_current", "cacheKey", key, "reasonCode", e.reasonCode(),
                            "expiresAt", String.valueOf(fallback.expiresAt()));
                    return fallback.accessToken();
                }
                throw e;
            }
        }
    }

    private CachedToken stillValid(CachedToken t, State st) {
        return t != null && t.accessToken() != null && !t.accessToken().equals(st.rejected) && t.validAt(clock.instant())
                ? t : null;
    }

    private String refresh(String key, String m, State st, Instant now) {
        failIfBlocked(key, st, now);
        // A new owner per refresh, not per instance: instances resumed from one SnapStart snapshot share every
        // field set at construction, and two of them must never both hold the lease.
        String owner = "ups-token-" + UUID.randomUUID();
        if (store.tryAcquireRefreshLease(key, owner, now, tuning.leaseFor())) {
            try {
                Optional<CachedToken> shared = store.get(key);
                if (shared.isPresent() && usable(shared.get(), clock.instant(), st)) {
                    store.releaseLease(key, owner);
                    st.token = shared.get();
                    return shared.get().accessToken();
                }
                failIfBlocked(key, st, clock.instant());
                CachedToken fresh = fetch(key, m, st);
                store.storeToken(key, owner, fresh);
                st.token = fresh;
                st.rejected = null;
                return fresh.accessToken();
            } catch (RuntimeException e) {
                store.releaseLease(key, owner);
                throw e;
            }
        }
        return waitForPeer(key, st);
    }

    /** Forgets the default merchant's current token (UPS refused it): the next call gets a new one. */
    public void invalidate() {
        invalidate(null, null);
    }

    /**
     * Forgets a token UPS refused. {@code staleToken} (if given) is also ignored when read back from the
     * shared store, so the next call refreshes instead of reusing it.
     */
    public void invalidate(String merchantId, String staleToken) {
        String key = cacheKey(merchantId);
        State st = states.computeIfAbsent(key, k -> new State());
        CachedToken current = st.token;
        String rejected = staleToken != null ? staleToken : current == null ? null : current.accessToken();
        st.rejected = rejected;
        if (current != null && (staleToken == null || current.accessToken().equals(staleToken))) {
            st.token = null;
        }
    }

    /** Token HTTP requests this instance made (for tests and the bench). */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    private boolean usable(CachedToken t, Instant now, State st) {
        if (t == null || t.accessToken() == null || t.accessToken().equals(st.rejected)) {
            return false;
        }
        return now.isBefore(t.expiresAt().minus(marginFor(t)));
    }

    /** The configured margin, but never more than half the token's life (else a short token is never usable). */
    private Duration marginFor(CachedToken t) {
        Duration life = Duration.between(t.issuedAt(), t.expiresAt());
        Duration half = life.dividedBy(2);
        return settings.tokenRefreshMargin().compareTo(half) > 0 ? half : settings.tokenRefreshMargin();
    }

    private void failIfBlocked(String key, State st, Instant now) {
        Instant blocked = st.blockedUntil;
        Optional<Instant> shared = store.blockedUntil(key);
        if (shared.isPresent() && (blocked == null || shared.get().isAfter(blocked))) {
            blocked = shared.get();
            st.blockedUntil = blocked;
        }
        if (blocked != null && now.isBefore(blocked)) {
            throw new UpsTokenException(Reason.UPS_TOKEN_THROTTLED, 429,
                    "UPS token endpoint throttled this client (429); no token request until " + blocked, null);
        }
    }

    private String waitForPeer(String key, State st) {
        long deadline = System.nanoTime() + tuning.peerWait().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                sleeper.sleep(tuning.peerPoll());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Optional<CachedToken> shared = store.get(key);
            if (shared.isPresent() && usable(shared.get(), clock.instant(), st)) {
                st.token = shared.get();
                return shared.get().accessToken();
            }
            failIfBlocked(key, st, clock.instant());
        }
        throw new UpsTokenException(Reason.UPS_TOKEN_WAIT_TIMEOUT, 0,
                "another instance holds the UPS token refresh lease for " + key + " and stored no token within "
                        + tuning.peerWait(), null);
    }

    private CachedToken fetch(String key, String merchantId, State st) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= tuning.maxAttempts(); attempt++) {
            Instant now = clock.instant();
            long today = store.incrementDailyRequests(key, LocalDate.ofInstant(now, ZoneOffset.UTC));
            if (today > settings.tokenDailyBudget()) {
                LOG.error("ups_token_budget_exhausted", "cacheKey", key, "requestsToday", today,
                        "budget", settings.tokenDailyBudget());
                throw new UpsTokenException(Reason.UPS_TOKEN_BUDGET_EXHAUSTED, 0,
                        "UPS token request refused: the daily budget of " + settings.tokenDailyBudget()
                                + " token requests for " + key + " is used up (raise ups.tokenDailyBudget only after "
                                + "finding why tokens are requested so often)", null);
            }
            metrics.tokenRequest(key, today, settings.tokenDailyBudget(), now);
            tokenRequests.incrementAndGet();
            HttpResponse<String> response;
            try {
                response = http.send(request(merchantId), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = new UpsTokenException(Reason.UPS_TOKEN_UNAVAILABLE, 0,
                        "UPS token endpoint " + secret.baseUrl() + TOKEN_PATH + " unreachable: " + e, e);
                pause(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpsTokenException(Reason.UPS_TOKEN_UNAVAILABLE, 0,
                        "interrupted while requesting a UPS token", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                synchronized (st) {
                    st.consecutiveThrottles = 0;
                }
                return parse(response.body(), now);
            }
            if (status == 429) {
                int n;
                synchronized (st) {
                    n = ++st.consecutiveThrottles;
                }
                Duration block = new Backoff(settings.tokenThrottleBlock(),
                        max(settings.tokenThrottleBlock(), tuning.maxThrottleBlock())).ceiling(n);
                Instant until = clock.instant().plus(block);
                st.blockedUntil = until;
                store.blockUntil(key, until);
                LOG.error("ups_token_throttled", "cacheKey", key, "blockedUntil", String.valueOf(until));
                throw new UpsTokenException(Reason.UPS_TOKEN_THROTTLED, 429,
                        "UPS token endpoint throttled this client (429, " + brief(response.body())
                                + "); no token request until " + until, null);
            }
            if (status == 400 || status == 401 || status == 403) {
                String why = status == 401 ? "the client id or client secret is wrong (HTTP 401)"
                        : status == 403 ? "the merchant is blocked or the account " + merchantId
                        + " is not linked to this app (HTTP 403)"
                        : "the token request was invalid (HTTP 400)";
                throw new UpsTokenException(Reason.UPS_TOKEN_REJECTED, status,
                        "UPS refused the token request: " + why + ": " + brief(response.body()), null);
            }
            last = new UpsTokenException(Reason.UPS_TOKEN_UNAVAILABLE, status,
                    "UPS token endpoint failed with HTTP " + status + ": " + brief(response.body()), null);
            if (status < 500) {
                throw last;
            }
            pause(attempt);
        }
        throw new UpsTokenException(Reason.UPS_TOKEN_UNAVAILABLE,
                last instanceof UpsTokenException u ? u.httpStatus() : 0,
                "no UPS token after " + tuning.maxAttempts() + " attempts: " + (last == null ? "" : last.getMessage()), last);
    }

    private void pause(int attempt) {
        if (attempt >= tuning.maxAttempts()) {
            return;
        }
        try {
            sleeper.sleep(tuning.backoff().delay(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest request(String merchantId) {
        String basic = Base64.getEncoder().encodeToString(
                (secret.clientId() + ":" + secret.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(secret.baseUrl() + TOKEN_PATH))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        if (merchantId != null) {
            b.header("x-merchant-id", merchantId);
        }
        return b.build();
    }

    /** Expiry = issued_at (epoch ms, a string) + expires_in (seconds, a string); never an assumed lifetime. */
    CachedToken parse(String body, Instant requestedAt) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UpsTokenException(Reason.UPS_TOKEN_BAD_RESPONSE, 200,
                    "UPS token response is not JSON", e);
        }
        String token = json.path("access_token").asText("");
        String expiresIn = json.path("expires_in").asText("").trim();
        if (token.isEmpty() || expiresIn.isEmpty()) {
            throw new UpsTokenException(Reason.UPS_TOKEN_BAD_RESPONSE, 200,
                    "UPS token response lacks access_token or expires_in", null);
        }
        long lifetime;
        try {
            lifetime = Long.parseLong(expiresIn);
        } catch (NumberFormatException e) {
            throw new UpsTokenException(Reason.UPS_TOKEN_BAD_RESPONSE, 200,
                    "UPS token expires_in is not a number: " + expiresIn, e);
        }
        Instant issued = requestedAt;
        String issuedAt = json.path("issued_at").asText("").trim();
        if (!issuedAt.isEmpty()) {
            try {
                issued = Instant.ofEpochMilli(Long.parseLong(issuedAt));
            } catch (NumberFormatException e) {
                LOG.warn("ups_token_issued_at_unreadable", "fallback", "request time");
            }
        }
        Instant expires = issued.plusSeconds(lifetime);
        // A UPS clock ahead of ours must not stretch the token past the life it was given from our side.
        Instant latest = requestedAt.plusSeconds(lifetime);
        if (expires.isAfter(latest)) {
            expires = latest;
        }
        return new CachedToken(token, issued, expires);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String brief(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "UpsTokenProvider[" + cacheKey(null) + "]";
    }
}
