package com.epicorups.epicor;

import com.epicorups.core.Backoff;
import com.epicorups.core.Deadline;
import com.epicorups.core.Json;
import com.epicorups.epicor.auth.BasicIdentity;
import com.epicorups.epicor.auth.Identity;
import com.epicorups.epicor.auth.OAuth2Identity;
import com.epicorups.epicor.auth.TokenResourceIdentity;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.epicor.error.EpicorErrors;
import com.epicorups.epicor.error.EpicorException;
import com.epicorups.epicor.error.EpicorTransientException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Transport for Epicor Kinetic REST v2: {@code {root}/api/v2/odata/{Company}/{service}/{path}}, {@code x-api-key}
 * and the identity's Authorization on every call, optional {@code CallSettings} with the plant, timeouts,
 * bounded retries with backoff for transient failures (5xx, timeouts, connection errors, licence
 * exhaustion), one token renewal and retry after a 401, and a counter of every HTTP call.
 */
public final class EpicorClient {
    /** The least time an attempt is started with: a shorter one could not get an answer from Epicor anyway. */
    public static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    /** Lets tests run retries without real sleeps. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final EpicorSecret secret;
    private final EpicorSettings settings;
    private final HttpExchange http;
    private final Identity identity;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final String callSettings;

    public EpicorClient(EpicorSecret secret, EpicorSettings settings) {
        this(secret, settings, HttpExchange.defaultClient(settings.connectTimeout()), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
    }

    public EpicorClient(EpicorSecret secret, EpicorSettings settings, HttpClient httpClient, Clock clock,
                        Sleeper sleeper) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new HttpExchange(httpClient, settings.readTimeout());
        this.identity = identityFor(secret, settings, clock);
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.sleeper = sleeper;
        this.callSettings = secret.plant() == null ? null : Json.mapper().createObjectNode()
                .put("Company", secret.company()).put("Plant", secret.plant()).toString();
    }

    private static Identity identityFor(EpicorSecret s, EpicorSettings settings, Clock clock) {
        return switch (s.authMode()) {
            case BASIC -> new BasicIdentity(s.username(), s.password());
            case TOKEN -> new TokenResourceIdentity(s.tokenResourceUrl(), s.apiKey(), s.username(), s.password(), clock);
            case OAUTH2 -> new OAuth2Identity(s.tokenUrl(), s.clientId(), s.clientSecret(), s.scope(),
                    settings.oauthClientAuth(), clock);
        };
    }

    public EpicorSettings settings() {
        return settings;
    }

    /** The Epicor company every call and release key is for (the EpicorSecret's). */
    public String company() {
        return secret.company();
    }

    /** Where and as whom this client calls: for the connection check's messages (never printed whole). */
    EpicorSecret secret() {
        return secret;
    }

    /** Start of a poll cycle: token identities get a fresh token now (one call), Basic does nothing. */
    public void startCycle() {
        identity.startCycle(http);
    }

    /** Forces a new token (no-op for Basic). */
    public void refreshIdentity() {
        identity.refresh(http);
    }

    /** Every HTTP call made so far, token calls included. */
    public int callCount() {
        return http.calls();
    }

    /** GET of an entity set; returns the rows of {@code value}. */
    public List<JsonNode> getRows(String servicePath, OData.Query query) {
        JsonNode body = get(servicePath, query);
        JsonNode value = body.get("value");
        if (value == null || !value.isArray()) {
            throw new EpicorTransientException(200, null, "GET " + servicePath + ": reply has no 'value' array");
        }
        List<JsonNode> rows = new ArrayList<>(value.size());
        value.forEach(rows::add);
        return rows;
    }

    /** GET of a set, a keyed entity or a BAQ; returns the parsed JSON body. */
    public JsonNode get(String servicePath, OData.Query query) {
        String q = query == null ? "" : query.encoded();
        URI uri = URI.create(secret.odataRoot() + servicePath + (q.isEmpty() ? "" : "?" + q));
        String body = execute("GET " + servicePath, uri, "GET", null);
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            throw new EpicorTransientException(200, null, "GET " + servicePath + ": reply is not JSON", e);
        }
    }

    /**
     * GET of a document that is not JSON, such as a service's {@code $metadata} (CSDL XML), with retries like every
     * call; returns the body as text.
     */
    public String getText(String servicePath, String accept) {
        URI uri = URI.create(secret.odataRoot() + servicePath);
        return execute("GET " + servicePath, uri, "GET", null, accept);
    }

    /** PATCH of a partial row (→ the BO's UpdateExt); Epicor answers 204. */
    public void patch(String servicePath, ObjectNode partialRow) {
        URI uri = URI.create(secret.odataRoot() + servicePath);
        execute("PATCH " + servicePath, uri, "PATCH", partialRow.toString());
    }

    /**
     * POST of a BO method (e.g. {@code Erp.BO.SalesOrderSvc/UpdateExt}); returns the parsed reply. Retried on
     * transient failures like every call, so only idempotent methods belong here.
     */
    public JsonNode post(String servicePath, ObjectNode body) {
        URI uri = URI.create(secret.odataRoot() + servicePath);
        String reply = execute("POST " + servicePath, uri, "POST", body.toString());
        try {
            return reply.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(reply);
        } catch (Exception e) {
            throw new EpicorTransientException(200, null, "POST " + servicePath + ": reply is not JSON", e);
        }
    }

    private String execute(String what, URI uri, String method, String jsonBody) {
        return execute(what, uri, method, jsonBody, "application/json");
    }

    /**
     * The call with its retries, inside the thread's {@link Deadline}: each attempt's timeout is capped by what
     * remains, an attempt is only started while at least {@link #MIN_ATTEMPT} remains, and a backoff pause only when
     * an attempt still fits after it; otherwise the call fails with {@link com.epicorups.core.Reason#DEADLINE}.
     */
    private String execute(String what, URI uri, String method, String jsonBody, String accept) {
        Deadline deadline = Deadline.current();
        boolean renewed = false;
        int attempt = 0;
        String lastFailure = null;
        while (true) {
            attempt++;
            if (!deadline.allows(MIN_ATTEMPT)) {
                throw deadline.spent(what, lastFailure);
            }
            try {
                return once(what, uri, method, jsonBody, accept, deadline.cap(http.readTimeout()));
            } catch (EpicorAuthException e) {
                // An expired or revoked token: renew once and retry once; a second 401 is real.
                if (e.httpStatus() == 401 && identity.renewable() && !renewed) {
                    renewed = true;
                    identity.refresh(http);
                    attempt--;
                    continue;
                }
                throw e;
            } catch (EpicorException e) {
                if (!e.isTransient() || attempt >= settings.maxAttempts()) {
                    throw e;
                }
                Duration pause = backoff.delay(attempt);
                if (!deadline.allows(pause.plus(MIN_ATTEMPT))) {
                    throw deadline.spent(what, e.getMessage());
                }
                lastFailure = e.getMessage();
                pause(pause, e);
            }
        }
    }

    private String once(String what, URI uri, String method, String jsonBody, String accept, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("x-api-key", secret.apiKey())
                .header("Authorization", identity.authorization(http))
                .header("Accept", accept);
        if (callSettings != null) {
            request.header("CallSettings", callSettings);
        }
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpResponse<String> response = http.send(request, what, timeout);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body() == null ? "" : response.body();
        }
        throw EpicorErrors.fromResponse(status, response.body(), what);
    }

    private void pause(Duration delay, EpicorException cause) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    /** For diagnostics that need the raw status of one call without retries (EpicorPing). */
    HttpResponse<String> rawGet(String servicePath, OData.Query query) {
        String q = query == null ? "" : query.encoded();
        URI uri = URI.create(secret.odataRoot() + servicePath + (q.isEmpty() ? "" : "?" + q));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("x-api-key", secret.apiKey())
                .header("Authorization", identity.authorization(http))
                .header("Accept", "application/json")
                .GET();
        if (callSettings != null) {
            request.header("CallSettings", callSettings);
        }
        return http.send(request, "GET " + servicePath);
    }

    /** The status of a plain GET of an absolute URL (no identity), for EpicorPing's probes. */
    int probeStatus(URI uri) {
        return http.send(HttpRequest.newBuilder(uri).header("x-api-key", secret.apiKey())
                .header("Accept", "application/json").GET(), "GET " + uri.getPath()).statusCode();
    }
}
