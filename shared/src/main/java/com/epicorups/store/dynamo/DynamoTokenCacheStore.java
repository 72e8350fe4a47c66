package com.epicorups.store.dynamo;

import static com.epicorups.store.dynamo.Attr.n;
import static com.epicorups.store.dynamo.Attr.s;

import com.epicorups.store.CachedToken;
import com.epicorups.store.TokenCacheStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The shared OAuth token cache in the token-cache table: item {@code <cacheKey>} holds the token and the
 * refresh lease (taken with a conditional update, so one of many cold Lambdas refreshes); item
 * {@code <cacheKey>#requests#<day>} counts the day's token requests and expires by TTL. The token item's
 * {@code blockedUntil} (epoch ms) records a token-endpoint 429 so that every instance waits it out.
 */
public final class DynamoTokenCacheStore implements TokenCacheStore {
    private static final Duration COUNTER_KEPT = Duration.ofDays(3);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTokenCacheStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<CachedToken> get(String cacheKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attr.key(cacheKey))
                .consistentRead(true)).item();
        String accessToken = item == null ? null : Attr.string(item, "accessToken");
        if (accessToken == null) {
            return Optional.empty();
        }
        return Optional.of(new CachedToken(accessToken, Attr.epochMillis(item, "issuedAt"),
                Attr.epochMillis(item, "expiresAt")));
    }

    @Override
    public boolean tryAcquireRefreshLease(String cacheKey, String owner, Instant now, Duration leaseFor) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(cacheKey))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until")
                    .conditionExpression("attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner),
                            ":until", n(now.plus(leaseFor).toEpochMilli()), ":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    @Override
    public void storeToken(String cacheKey, String owner, CachedToken token) {
        dynamo.updateItem(r -> r.tableName(table).key(Attr.key(cacheKey))
                .updateExpression("SET accessToken = :token, issuedAt = :issued, expiresAt = :expires")
                .expressionAttributeValues(Map.of(":token", s(token.accessToken()),
                        ":issued", n(token.issuedAt().toEpochMilli()), ":expires", n(token.expiresAt().toEpochMilli()))));
        releaseLease(cacheKey, owner);
    }

    @Override
    public void releaseLease(String cacheKey, String owner) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(cacheKey))
                    .updateExpression("REMOVE leaseOwner, leaseUntil")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // someone else holds the lease now (ours expired): leave it to them
        }
    }

    @Override
    public long incrementDailyRequests(String cacheKey, LocalDate day) {
        long expires = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(COUNTER_KEPT).getEpochSecond();
        Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table)
                .key(Attr.key(counterKey(cacheKey, day)))
                .updateExpression("ADD requests :one SET #ttl = :ttl")
                .expressionAttributeNames(Map.of("#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(expires)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Attr.number(updated, "requests", 0);
    }

    @Override
    public long dailyRequests(String cacheKey, LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Attr.key(counterKey(cacheKey, day))).consistentRead(true)).item();
        return item == null ? 0 : Attr.number(item, "requests", 0);
    }

    /**
     * Sets {@code blockedUntil} on the token item, never moving an existing block earlier: a late writer with a
     * shorter Retry-After must not shorten another instance's longer block.
     */
    @Override
    public void blockUntil(String cacheKey, Instant until) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(cacheKey))
                    .updateExpression("SET blockedUntil = :until")
                    .conditionExpression("attribute_not_exists(blockedUntil) OR blockedUntil < :until")
                    .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()))));
        } catch (ConditionalCheckFailedException longerBlockInPlace) {
            // another instance already blocked at least as long
        }
    }

    @Override
    public Optional<Instant> blockedUntil(String cacheKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attr.key(cacheKey))
                .consistentRead(true).projectionExpression("blockedUntil")).item();
        return item == null ? Optional.empty() : Optional.ofNullable(Attr.epochMillis(item, "blockedUntil"));
    }

    private static String counterKey(String cacheKey, LocalDate day) {
        return cacheKey + "#requests#" + day;
    }
}
