package com.epicorups.aws;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads JSON secrets from Secrets Manager and keeps each for a while (default 5 minutes), so a warm Lambda
 * does not call Secrets Manager per invocation. After an authentication failure call {@link #invalidate}:
 * the secret may have been rotated. Never logs or puts a secret value in an exception message.
 *
 * <p>While Secrets Manager cannot be reached (SECRET_UNAVAILABLE), the last value read is used for up to
 * {@link #DEFAULT_MAX_STALE} past its TTL, with a WARN line each time Secrets Manager is tried again (at most every
 * {@link #STALE_RETRY}): a Track Alert event UPS never resends is then still accepted with the credential of a few
 * minutes ago. A secret that is gone or malformed is never papered over.
 */
public final class SecretsProvider {
    private static final JsonLogger LOG = JsonLogger.getLogger(SecretsProvider.class);
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** How long past its TTL a value is used while Secrets Manager is unavailable. */
    public static final Duration DEFAULT_MAX_STALE = Duration.ofHours(1);
    /** How long a stale value is used before Secrets Manager is tried again. */
    public static final Duration STALE_RETRY = Duration.ofSeconds(30);

    private final SecretsManagerClient client;
    private final Duration ttl;
    private final Duration maxStale;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A value, when it was read, and until when it is used without asking Secrets Manager. */
    private record Cached(JsonNode value, Instant readAt, Instant freshUntil) {
    }

    public SecretsProvider(SecretsManagerClient client) {
        this(client, DEFAULT_TTL, Clock.systemUTC());
    }

    public SecretsProvider(SecretsManagerClient client, Duration ttl, Clock clock) {
        this(client, ttl, DEFAULT_MAX_STALE, clock);
    }

    public SecretsProvider(SecretsManagerClient client, Duration ttl, Duration maxStale, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxStale = Objects.requireNonNull(maxStale, "maxStale");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || maxStale.isNegative()) {
            throw new IllegalArgumentException("ttl and maxStale must not be negative: " + ttl + ", " + maxStale);
        }
    }

    /**
     * The secret's JSON, from the cache while it is younger than the TTL; past it, while Secrets Manager is
     * unavailable, the last value read for up to maxStale more.
     */
    public JsonNode json(String secretId) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached != null && now.isBefore(cached.freshUntil())) {
            return cached.value();
        }
        JsonNode value;
        try {
            value = read(secretId);
        } catch (ConnectorException e) {
            if (e.reason() != Reason.SECRET_UNAVAILABLE || cached == null
                    || !now.isBefore(cached.readAt().plus(ttl).plus(maxStale))) {
                throw e;
            }
            Instant retry = now.plus(STALE_RETRY);
            cache.put(secretId, new Cached(cached.value(), cached.readAt(), retry));
            LOG.warn("secret_stale_used", "secretId", secretId, "ageSeconds",
                    Duration.between(cached.readAt(), now).toSeconds(), "usedUntil",
                    cached.readAt().plus(ttl).plus(maxStale).toString(), "error", e.getMessage());
            return cached.value();
        }
        cache.put(secretId, new Cached(value, now, now.plus(ttl)));
        return value;
    }

    /** The secret's JSON bound to a record or class (unknown fields ignored). */
    public <T> T get(String secretId, Class<T> type) {
        try {
            return Json.mapper().treeToValue(json(secretId), type);
        } catch (JsonProcessingException e) {
            throw new ConnectorException(Reason.SECRET_MALFORMED, "secret " + secretId + " does not fit " + type.getSimpleName() + " (" + e.getOriginalMessage()
                            .replaceAll("\"[^\"]*\"", "\"…\"") + ")");
        }
    }

    /** Forgets a cached secret so the next read goes to Secrets Manager (for example after a 401). */
    public void invalidate(String secretId) {
        cache.remove(secretId);
    }

    private JsonNode read(String secretId) {
        String text;
        try {
            text = client.getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (ResourceNotFoundException e) {
            throw new ConnectorException(Reason.SECRET_NOT_FOUND, "secret " + secretId
                    + " does not exist", e);
        } catch (SdkException e) {
            throw new ConnectorException(Reason.SECRET_UNAVAILABLE, "cannot read secret "
                    + secretId + ": " + e.getClass().getSimpleName(), e);
        }
        if (text == null) {
            throw new ConnectorException(Reason.SECRET_MALFORMED, "secret " + secretId
                    + " has no SecretString");
        }
        try {
            JsonNode value = Json.mapper().readTree(text);
            if (value == null || !value.isObject()) {
                throw new ConnectorException(Reason.SECRET_MALFORMED, "secret " + secretId
                        + " is not a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            // The parser's message would quote the secret text: keep only where it failed.
            throw new ConnectorException(Reason.SECRET_MALFORMED, "secret " + secretId
                    + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }
}
