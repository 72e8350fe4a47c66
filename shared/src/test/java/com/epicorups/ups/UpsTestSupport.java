package com.epicorups.ups;

import com.epicorups.testing.MutableClock;
import com.epicorups.core.Backoff;
import com.epicorups.core.Json;
import com.epicorups.store.TokenCacheStore;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.epicorups.ups.auth.TokenMetrics;
import com.epicorups.ups.auth.UpsTokenProvider;
import com.epicorups.ups.transport.Sleeper;
import com.epicorups.ups.transport.UpsHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A scripted UPS on MockWebServer plus the client wiring the tests share. */
public final class UpsTestSupport implements AutoCloseable {
    public static final String CLIENT_ID = "test-client-id-123";
    public static final String CLIENT_SECRET = "s3cr3t-VALUE-never-logged";

    /** Records the delays it was asked to wait, without waiting. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    public final MockWebServer server = new MockWebServer();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    public final RecordingSleeper sleeper = new RecordingSleeper();
    public final List<String> metricLines = new CopyOnWriteArrayList<>();
    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger tokenCalls = new AtomicInteger();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private volatile Function<RecordedRequest, MockResponse> tokenHandler;
    private volatile long tokenLifetimeSeconds = 3599;
    private final AtomicInteger tokenSerial = new AtomicInteger();

    public UpsTestSupport() {
        tokenHandler = r -> token("token-" + tokenSerial.incrementAndGet(), clock.instant(), tokenLifetimeSeconds);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getPath();
                if (path.startsWith(UpsTokenProvider.TOKEN_PATH)) {
                    tokenCalls.incrementAndGet();
                    return tokenHandler.apply(request);
                }
                List<String> keys = new ArrayList<>(routes.keySet());
                keys.sort((a, b) -> b.length() - a.length());
                for (String prefix : keys) {
                    if (path.startsWith(prefix)) {
                        return routes.get(prefix).apply(request);
                    }
                }
                return new MockResponse().setResponseCode(404).setBody("{\"response\":{\"errors\":[{\"code\":\"404\",\"message\":\"no route\"}]}}");
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MockResponse token(String accessToken, Instant issuedAt, long expiresIn) {
        return json(200, "{\"token_type\":\"Bearer\",\"issued_at\":\"" + issuedAt.toEpochMilli() + "\",\"client_id\":\""
                + CLIENT_ID + "\",\"access_token\":\"" + accessToken + "\",\"scope\":\"\",\"expires_in\":\"" + expiresIn
                + "\",\"refresh_count\":\"0\",\"status\":\"approved\"}");
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    public static MockResponse error(int status, String code, String message) {
        return json(status, "{\"response\":{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}}");
    }

    public void tokenLifetime(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    public void onToken(Function<RecordedRequest, MockResponse> handler) {
        tokenHandler = handler;
    }

    public void on(String pathPrefix, Function<RecordedRequest, MockResponse> handler) {
        routes.put(pathPrefix, handler);
    }

    /** Answers the listed responses in order (the last one repeats). */
    public void onSequence(String pathPrefix, MockResponse... responses) {
        AtomicInteger i = new AtomicInteger();
        on(pathPrefix, r -> responses[Math.min(i.getAndIncrement(), responses.length - 1)]);
    }

    public List<RecordedRequest> requestsTo(String pathPrefix) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.getPath().startsWith(pathPrefix)) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public static JsonNode body(RecordedRequest r) {
        try {
            return Json.mapper().readTree(r.getBody().clone().readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public UpsSecret.Builder secretBuilder() {
        return UpsSecret.builder().baseUrl(baseUrl()).clientId(CLIENT_ID).clientSecret(CLIENT_SECRET);
    }

    public UpsSecret secret() {
        return secretBuilder().build();
    }

    public UpsSettings.Builder settingsBuilder() {
        return UpsSettings.builder()
                .requestTimeout(Duration.ofSeconds(60)).shipTimeout(Duration.ofSeconds(60))
                .warehouse(new UpsSettings.Warehouse("MAIN", "ACME DISTRIBUTION", "SHIPPING DESK", "A1B2C3", null,
                        "(404) 555-1234", List.of("100 WAREHOUSE PKWY"), "ATLANTA", "GA", "30301", "US"))
                .service("UPSG", new com.epicorups.ups.service.ShipViaService("03", "11", "11", "65")).service("UPS2", "02");
    }

    public UpsTokenProvider tokenProvider(UpsSettings settings, TokenCacheStore store) {
        return tokenProvider(secret(), settings, store);
    }

    public UpsTokenProvider tokenProvider(UpsSecret secret, UpsSettings settings, TokenCacheStore store) {
        return new UpsTokenProvider(secret, settings, UpsHttp.newHttpClient(settings), store, clock, sleeper,
                new TokenMetrics(metricLines::add), UpsTokenProvider.Tuning.defaults());
    }

    public UpsHttp http(UpsSettings settings) {
        return http(settings, new InMemoryTokenCacheStore());
    }

    public UpsHttp http(UpsSettings settings, TokenCacheStore store) {
        return http(secret(), settings, store);
    }

    public UpsHttp http(UpsSecret secret, UpsSettings settings, TokenCacheStore store) {
        return new UpsHttp(secret, settings, UpsHttp.newHttpClient(settings), tokenProvider(secret, settings, store),
                sleeper, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), 3);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
