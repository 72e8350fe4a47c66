package com.epicorups.aws;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
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
 */
public final class SecretsProvider {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(JsonNode value, Instant readAt) {
    }

    public SecretsProvider(SecretsManagerClient client) {
        this(client, DEFAULT_TTL, Clock.systemUTC());
    }

    public SecretsProvider(SecretsManagerClient client, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
    }

    /** The secret's JSON, from the cache while it is younger than the TTL. */
    public JsonNode json(String secretId) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached != null && now.isBefore(cached.readAt().plus(ttl))) {
            return cached.value();
        }
        JsonNode value = read(secretId);
        cache.put(secretId, new Cached(value, now));
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
