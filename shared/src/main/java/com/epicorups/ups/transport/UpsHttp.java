package com.epicorups.ups.transport;

import com.epicorups.core.Backoff;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Deadline;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.core.http.HttpClientFactory;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.Redactor;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.auth.UpsTokenProvider;
import com.epicorups.ups.wire.UpsError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the UPS client talks HTTP: bearer token, transId/transactionSrc headers, timeouts, one token
 * refresh on 401 and UPS token codes, error classification, and retries with backoff for idempotent
 * calls only. A ship POST is never retried here: UPS has no idempotency key, the pipeline decides.
 */
public final class UpsHttp {
    private static final JsonLogger LOG = JsonLogger.getLogger(UpsHttp.class);
    /** The least time an idempotent attempt is started with. */
    public static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    /** Whether a transient failure may be retried by the transport. */
    public enum Retry { IDEMPOTENT, NEVER }

    /** A successful (2xx) UPS answer. */
    public record UpsResponse(int status, String body, JsonNode json, String transId) {
    }

    private final UpsSecret secret;
    private final UpsSettings settings;
    private final HttpClient http;
    private final UpsTokenProvider tokens;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public UpsHttp(UpsSecret secret, UpsSettings settings, HttpClient http, UpsTokenProvider tokens) {
        this(secret, settings, http, tokens, Sleeper.SYSTEM, new Backoff(Duration.ofMillis(200), Duration.ofSeconds(3)), 3);
    }

    public UpsHttp(UpsSecret secret, UpsSettings settings, HttpClient http, UpsTokenProvider tokens, Sleeper sleeper,
                   Backoff backoff, int maxAttempts) {
        this.secret = secret;
        this.settings = settings;
        this.http = http;
        this.tokens = tokens;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** The production client ({@link HttpClientFactory}: PlainHttpClient, HTTP/1.1, no redirects) with the settings' connect timeout. */
    public static HttpClient newHttpClient(UpsSettings settings) {
        return HttpClientFactory.create(settings.connectTimeout());
    }

    public UpsSettings settings() {
        return settings;
    }

    /** The UpsSecret's base URL (CIE or production). */
    public URI baseUrl() {
        return secret.baseUrl();
    }

    /** The UpsSecret's OAuth client id (not secret; never the client secret). */
    public String clientId() {
        return secret.clientId();
    }

    public UpsTokenProvider tokens() {
        return tokens;
    }

    public UpsResponse get(String operation, String pathAndQuery, String merchantId) {
        return send(operation, "GET", pathAndQuery, null, merchantId, Retry.IDEMPOTENT, settings.requestTimeout());
    }

    public UpsResponse post(String operation, String pathAndQuery, JsonNode body, String merchantId, Retry retry) {
        return send(operation, "POST", pathAndQuery, body, merchantId, retry, settings.requestTimeout());
    }

    public UpsResponse delete(String operation, String pathAndQuery, String merchantId) {
        return send(operation, "DELETE", pathAndQuery, null, merchantId, Retry.IDEMPOTENT, settings.requestTimeout());
    }

    /**
     * Sends one logical call. {@code body} is serialised once, so what UPS receives is exactly
     * {@code Json.mapper().writeValueAsString(body)}.
     */
    public UpsResponse send(String operation, String method, String pathAndQuery, JsonNode body, String merchantId,
                            Retry retry, Duration timeout) {
        boolean mutating = retry == Retry.NEVER;
        String payload = body == null ? null : write(body);
        Deadline deadline = Deadline.current();
        int attempt = 1;
        boolean tokenRefreshed = false;
        String lastFailure = null;
        while (true) {
            Duration attemptTimeout = attemptTimeout(deadline, operation, mutating, timeout, lastFailure);
            String token = tokens.accessToken(merchantId);
            String transId = UUID.randomUUID().toString().replace("-", "");
            HttpRequest request = build(method, pathAndQuery, payload, token, transId, attemptTimeout);
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            UpsApiException failure;
            boolean upsAsksToWait = false;
            HttpResponse<String> response = null;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
                failure = null;
            } catch (HttpTimeoutException e) {
                failure = new UpsApiException(Reason.UPS_TIMEOUT, operation, 0, List.of(),
                        mutating, null, "UPS " + operation + " timed out after " + attemptTimeout
                        + (mutating ? " (UPS may have processed it: look it up before retrying)" : ""), e);
            } catch (ConnectException e) {
                failure = new UpsApiException(Reason.UPS_CONNECTION, operation, 0, List.of(),
                        false, null, "cannot connect to UPS at " + secret.baseUrl() + " for " + operation + ": " + e, e);
            } catch (IOException e) {
                failure = new UpsApiException(Reason.UPS_CONNECTION, operation, 0, List.of(),
                        mutating, null, "UPS " + operation + " connection failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpsApiException(Reason.UPS_CONNECTION, operation, 0, List.of(),
                        mutating, null, "interrupted during UPS " + operation, e);
            }
            if (failure == null) {
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new UpsResponse(status, response.body(), parseSuccess(operation, response.body(), mutating),
                            transId);
                }
                JsonNode errorJson = parseQuietly(response.body());
                List<UpsError> errors = UpsError.parse(errorJson);
                LOG.warn("ups_http_error", "operation", operation, "status", status, "errors", String.valueOf(errors),
                        "transId", transId, "bkndTransId", response.headers().firstValue("BkndTransId").orElse("-"));
                if (!tokenRefreshed && UpsErrorClassifier.isTokenProblem(status, errors)) {
                    tokens.invalidate(merchantId, token);
                    tokenRefreshed = true;
                    continue;
                }
                failure = UpsErrorClassifier.classify(operation, status, errors, response.body(), mutating);
                // Quantum View errors may say how long to wait (MinimumRetrySeconds): a retry within this call
                // would ignore it; the caller reads the hint from the exception's body.
                upsAsksToWait = !errorJson.findValues("MinimumRetrySeconds").isEmpty();
            }
            if (failure.isTransient() && retry == Retry.IDEMPOTENT && attempt < maxAttempts && !upsAsksToWait) {
                Duration pause = backoff.delay(attempt);
                if (!deadline.allows(pause.plus(MIN_ATTEMPT))) {
                    throw spent(deadline, operation, failure.getMessage());
                }
                lastFailure = failure.getMessage();
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
                attempt++;
                continue;
            }
            throw failure;
        }
    }

    /**
     * The timeout of the next attempt under the thread's {@link Deadline}. A call that may create something (a ship
     * POST) is only sent with its whole timeout: cut short, it would leave UPS's outcome unknown, so it is not sent
     * at all when the deadline is nearer. An idempotent call gets what remains, at least {@link #MIN_ATTEMPT}.
     */
    private static Duration attemptTimeout(Deadline deadline, String operation, boolean mutating, Duration timeout,
                                           String lastFailure) {
        Duration needed = mutating ? timeout : MIN_ATTEMPT;
        if (!deadline.allows(needed)) {
            throw spent(deadline, operation, lastFailure);
        }
        return deadline.cap(timeout);
    }

    /** DEADLINE, raised instead of sending the call: UPS received nothing. */
    private static UpsApiException spent(Deadline deadline, String operation, String lastFailure) {
        ConnectorException spent = deadline.spent("UPS " + operation, lastFailure);
        return new UpsApiException(Reason.DEADLINE, operation, 0, List.of(), false, null, spent.getMessage(), null);
    }

    private HttpRequest build(String method, String pathAndQuery, String payload, String token, String transId,
                              Duration timeout) {
        // The token is masked in every log line from its first use on (a no-op once it is known).
        Redactor.global().register(token);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(secret.baseUrl() + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("transId", transId)
                .header("transactionSrc", settings.transactionSrc())
                .header("Accept", "application/json");
        if (payload != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(payload));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static JsonNode parseSuccess(String operation, String body, boolean mutating) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new UpsApiException(Reason.UPS_BAD_RESPONSE, operation, 200, List.of(),
                    mutating, null, "UPS " + operation + " answered 2xx with a body that is not JSON", e);
        }
    }

    private static JsonNode parseQuietly(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String write(JsonNode body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serialises a body exactly as {@link #send} will. */
    public static String serialise(JsonNode body) {
        return write(body);
    }

    /** HTTP requests sent per operation (token requests excluded; see UpsTokenProvider#tokenRequests). */
    public Map<String, Integer> callCounts() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }
}
